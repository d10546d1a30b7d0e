// "Authenticate…": the user asks to see what this process may not open. The request is kept for whatever elevates
// the engine to act on; meanwhile a dialog says how to start bpfscope with the privileges it needs.
import type { GetState, PrivilegeSlice, SetState } from './types.js';

export function createPrivilegeSlice(set: SetState, get: GetState): PrivilegeSlice {
  let count = 0;
  return {
    authRequest: null,
    authenticate: (path = null) => {
      count += 1;
      set({ authRequest: { seq: count, path } });
      get().openDialog('authenticate', path ?? '');
    },
  };
}
