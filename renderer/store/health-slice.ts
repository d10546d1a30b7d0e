// The Pin health view's report, the check that renews it (against an object file when one was given), and
// unlinking several findings' pins at once with one Undo.
import type { ApiClient } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import type { HealthFinding, PinHealthReport } from '../../shared/pin-health.js';

import type { GetState, SetState } from './types.js';

/** An object file the pins are checked against; its bytes go along with each check. */
export interface HealthObject {
  fileName: string;
  data: Uint8Array;
}

/** The WebSocket takes frames up to 8 MiB; an object file travels with room for the frame's header. */
const MAX_OBJECT_BYTES = 6 * 1024 * 1024;

export interface HealthSlice {
  health: PinHealthReport | null;
  healthBusy: boolean;
  healthObject: HealthObject | null;
  checkPinHealth(path?: string): Promise<void>;
  /** Checks the pins against an object file from now on; a file that cannot be checked is refused and dropped. */
  checkAgainstObject(file: HealthObject): Promise<void>;
  clearHealthObject(): Promise<void>;
  /** Unlinks each pin with Undo; one Undo restores them all. Throws the first refusal after the rest are done. */
  unlinkAllWithUndo(paths: string[]): Promise<void>;
}

export function createHealthSlice(api: ApiClient, set: SetState, get: GetState): HealthSlice {
  const request = (path: string) => {
    const object = get().healthObject;
    return object ? { path, object } : { path };
  };
  return {
    health: null,
    healthBusy: false,
    healthObject: null,
    checkPinHealth: async (path = '') => {
      set({ healthBusy: true });
      try {
        set({ health: await api.pinHealth(request(path)) });
      } catch (err) {
        get().notifyError(err, 'Checking pin health');
      } finally {
        set({ healthBusy: false });
      }
    },
    checkAgainstObject: async (file) => {
      const context = `Checking the pins against ${file.fileName}`;
      if (file.data.length > MAX_OBJECT_BYTES) {
        const size = (file.data.length / 1048576).toFixed(1);
        const hint = 'Check the pins of larger objects with bpftool map show.';
        get().notifyError(new BpfError('E2BIG', `${file.fileName} is ${size} MiB; at most 6 MiB.`, { hint }), context);
        return;
      }
      set({ healthBusy: true });
      try {
        set({ health: await api.pinHealth({ path: '', object: file }), healthObject: file });
      } catch (err) {
        get().notifyError(err, context);
      } finally {
        set({ healthBusy: false });
      }
    },
    clearHealthObject: async () => {
      set({ healthObject: null });
      await get().checkPinHealth('');
    },
    unlinkAllWithUndo: async (paths) => {
      const done: { token: string; path: string; deadline: number }[] = [];
      let refusal: unknown;
      for (const path of paths) {
        try {
          const r = await api.unlinkWithUndo({ path });
          done.push({ token: r.undoToken, path, deadline: Date.now() + r.windowMs });
        } catch (err) {
          refusal ??= err;
        }
      }
      if (done.length > 0) get().addUndoGroup(done);
      const selected = get().selected;
      if (selected !== null && done.some((d) => d.path === selected)) await get().select(null);
      if (refusal !== undefined) throw refusal;
    },
  };
}

/** The findings about the pin at `path` in the last report. */
export function findingsAt(report: PinHealthReport | null, path: string): HealthFinding[] {
  return report?.findings.filter((f) => f.pins.includes(path)) ?? [];
}
