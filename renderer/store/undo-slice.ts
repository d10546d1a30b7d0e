// Unlink with Undo: one pending Undo per unlinked pin, each with its own countdown. Main holds the pins on the
// mount, so the list is also read from main on connect (pins an earlier bpfscope process held are offered too).
import type { ApiClient, HeldUnlink } from '../../shared/contract.js';

import type { GetState, SetState } from './types.js';

export interface PendingUndo {
  token: string;
  path: string;
  /** Deadline on the renderer's own clock (Date.now() based). */
  deadline: number;
  /** Pins unlinked together (a bulk action), all restored by this one Undo; `token`/`path` are the first's. */
  group?: { token: string; path: string }[];
}

export interface UndoSlice {
  /** Oldest first. */
  undos: PendingUndo[];
  unlinkWithUndo(path: string): Promise<void>;
  undoUnlink(token: string): Promise<void>;
  dismissUndo(token: string): void;
  /** One Undo for pins unlinked together (each already unlinked with its own token). */
  addUndoGroup(parts: PendingUndo[]): void;
  /** Replaces the list with the pins main holds now (after connecting, or when an Undo failed). */
  loadHeldUnlinks(): Promise<void>;
}

const pendingOf = (h: HeldUnlink): PendingUndo => ({
  token: h.undoToken,
  path: h.path,
  deadline: Date.now() + h.remainingMs,
});

export function createUndoSlice(api: ApiClient, set: SetState, get: GetState): UndoSlice {
  const without = (token: string): PendingUndo[] => get().undos.filter((u) => u.token !== token);

  return {
    undos: [],
    unlinkWithUndo: async (path) => {
      const r = await api.unlinkWithUndo({ path });
      set({ undos: [...without(r.undoToken), { token: r.undoToken, path, deadline: Date.now() + r.windowMs }] });
      if (get().selected === path) await get().select(null);
    },
    undoUnlink: async (token) => {
      const u = get().undos.find((x) => x.token === token);
      if (!u) return;
      let failed = false;
      for (const part of u.group ?? [u]) {
        try {
          await api.undoUnlink({ undoToken: part.token });
        } catch (err) {
          failed = true;
          get().notifyError(err, `Undoing the unlink of "${part.path}"`);
        }
      }
      set({ undos: without(token) });
      if (failed) {
        // Main says which pins it still holds: a taken name keeps its Undo, a passed window loses it.
        await get().loadHeldUnlinks();
        return;
      }
      const what = u.group ? `${u.group.length} pins (${u.group.map((g) => g.path).join(', ')})` : `"${u.path}"`;
      get().notifyInfo(`Restored ${what}.`);
    },
    addUndoGroup: (parts) => {
      const [first] = parts;
      if (!first) return;
      const group = parts.map(({ token, path }) => ({ token, path }));
      const deadline = Math.min(...parts.map((p) => p.deadline));
      const undo: PendingUndo = parts.length === 1 ? first : { ...first, deadline, group };
      set({ undos: [...without(first.token), undo] });
    },
    dismissUndo: (token) => set({ undos: without(token) }),
    loadHeldUnlinks: async () => {
      try {
        set({ undos: (await api.listHeld({})).map(pendingOf) });
      } catch (err) {
        get().notifyError(err, 'Reading the unlinks that can still be undone');
      }
    },
  };
}
