// The hosts store's snapshot actions: capture the shown host (options, progress, cancel, the file saved), open a
// .bpfsnap as one more host (uploaded in parts), and diff two hosts of the list.
import { isBpfError } from '../../shared/errors.js';
import type { HostControlApi } from '../../shared/hosts.js';
import type { CaptureOptions, CaptureProgress } from '../../shared/snapshot.js';
import { type SnapshotDiffView, UPLOAD_PART_BYTES } from '../../shared/snapshot-ops.js';

export type CaptureState =
  | { host: string; step: 'options' }
  | { host: string; step: 'running'; id: string; progress: CaptureProgress | null }
  | { host: string; step: 'done'; name: string; size: number }
  | { host: string; step: 'failed'; error: string };

export type DiffState =
  | { from: string; to: string; step: 'running'; id: string; progress: CaptureProgress | null }
  | { from: string; to: string; step: 'done'; diff: SnapshotDiffView }
  | { from: string; to: string; step: 'failed'; error: string };

export interface SnapshotSlice {
  capture: CaptureState | null;
  diff: DiffState | null;
  /** The last file opened or refused, in words. */
  opening: { file: string; error?: string; warnings?: string[] } | null;
  openCapture(host: string): void;
  closeCapture(): void;
  startCapture(opts: CaptureOptions): Promise<void>;
  cancelCapture(): Promise<void>;
  /** Opens a .bpfsnap from the user's disk as one more host and shows it. */
  openSnapshotFile(file: Blob & { name: string }): Promise<void>;
  compare(from: string, to: string): Promise<void>;
  closeDiff(): void;
  /** A capture's progress event. */
  captureProgress(id: string, progress: CaptureProgress): void;
}

/** Saves a captured file (a browser download, or Electron's save dialog): where it went, or null if cancelled. */
export type SaveFile = (name: string, bytes: Uint8Array) => Promise<string | null>;

export const downloadFile: SaveFile = async (name, bytes) => {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.sqlite3' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
};

const words = (e: unknown): string => (isBpfError(e) ? `${e.code}: ${e.message}` : String(e));
const newId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

type Set = (partial: Partial<SnapshotSlice> & { panes?: string[] }) => void;
type Get = () => SnapshotSlice & { show(id: string): void };

export function snapshotSlice(control: HostControlApi, save: SaveFile, set: Set, get: Get): SnapshotSlice {
  return {
    capture: null,
    diff: null,
    opening: null,
    openCapture: (host) => set({ capture: { host, step: 'options' } }),
    closeCapture: () => {
      if (get().capture?.step !== 'running') set({ capture: null });
    },
    startCapture: async (opts) => {
      const c = get().capture;
      if (!c || c.step === 'running') return;
      const id = newId();
      set({ capture: { host: c.host, step: 'running', id, progress: null } });
      try {
        const file = await control.snapshotCapture({ host: c.host, capture: id, ...opts });
        const where = await save(file.name, file.bytes);
        if (where === null)
          set({ capture: { host: c.host, step: 'failed', error: 'Not saved: the save dialog was cancelled.' } });
        else set({ capture: { host: c.host, step: 'done', name: where, size: file.bytes.length } });
      } catch (e) {
        set({ capture: { host: c.host, step: 'failed', error: words(e) } });
      }
    },
    cancelCapture: async () => {
      const c = get().capture;
      if (c?.step === 'running') await control.snapshotCancel({ capture: c.id });
    },
    openSnapshotFile: async (file) => {
      set({ opening: { file: file.name } });
      try {
        const upload = newId();
        for (let at = 0; at < file.size || at === 0; at += UPLOAD_PART_BYTES) {
          const part = new Uint8Array(await file.slice(at, at + UPLOAD_PART_BYTES).arrayBuffer());
          await control.snapshotUpload({ upload, part });
          if (file.size === 0) break;
        }
        const opened = await control.snapshotOpen({ upload, name: file.name });
        set({ opening: { file: file.name, warnings: opened.warnings } });
        get().show(opened.id);
      } catch (e) {
        set({ opening: { file: file.name, error: words(e) } });
      }
    },
    compare: async (from, to) => {
      const id = newId();
      set({ diff: { from, to, step: 'running', id, progress: null } });
      try {
        const diff = await control.snapshotDiff({ from, to, capture: id });
        if (get().diff?.step === 'running') set({ diff: { from, to, step: 'done', diff } });
      } catch (e) {
        if (get().diff?.step === 'running') set({ diff: { from, to, step: 'failed', error: words(e) } });
      }
    },
    closeDiff: () => {
      const d = get().diff;
      if (d?.step === 'running') void control.snapshotCancel({ capture: d.id });
      set({ diff: null });
    },
    captureProgress: (id, progress) => {
      const { capture, diff } = get();
      if (capture?.step === 'running' && capture.id === id) set({ capture: { ...capture, progress } });
      if (diff?.step === 'running' && diff.id === id) set({ diff: { ...diff, progress } });
    },
  };
}
