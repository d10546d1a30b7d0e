// The failed load of an ELF object the error dialog shows: which file, where to, and the engine's error.
import type { LoadFailureSlice, SetState } from './types.js';

export function createLoadFailureSlice(set: SetState): LoadFailureSlice {
  return {
    loadFailure: null,
    showLoadFailure: (failure) => set({ loadFailure: failure }),
    closeLoadFailure: () => set({ loadFailure: null }),
  };
}
