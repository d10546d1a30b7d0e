// Which dialog is open, and on what.
import type { DialogsSlice, SetState } from './types.js';

export function createDialogsSlice(set: SetState): DialogsSlice {
  return {
    dialog: null,
    openDialog: (kind, target, handle) =>
      set({ dialog: handle === undefined ? { kind, target } : { kind, target, handle } }),
    closeDialog: () => set({ dialog: null }),
  };
}
