// Safe unlink: unlinkWithUndo keeps a handle on the unlinked object for a window, so undoUnlink can pin it
// again at the same path; when the window passes the handle is closed and the object may be freed.

import type { UnlinkWithUndoResult } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

export const DEFAULT_UNDO_WINDOW_MS = 10_000;

interface Pending {
  path: string;
  /** The handle that keeps the object alive; undefined for a symlink (its target text is kept instead). */
  handle?: number | undefined;
  symlinkTarget?: string;
  timer: ReturnType<typeof setTimeout>;
}

export class UndoRegistry {
  private readonly pending = new Map<string, Pending>();
  private nextToken = 1;

  constructor(
    private readonly engine: PinStore,
    private readonly windowMs = DEFAULT_UNDO_WINDOW_MS,
  ) {}

  async unlinkWithUndo(path: string): Promise<UnlinkWithUndoResult> {
    const entry = await this.engine.stat(path);
    if (entry.kind === 'dir') {
      throw new BpfError('EISDIR', `"${path}" is a folder.`, { path, hint: 'Use "Remove folder" instead.' });
    }
    let handle: number | undefined;
    if (entry.object) handle = (await this.openHeld(path)).handle;
    try {
      await this.engine.unlink(path);
    } catch (e) {
      if (handle !== undefined) await this.engine.close(handle);
      throw e;
    }
    const undoToken = `u${this.nextToken++}`;
    const timer = setTimeout(() => void this.expire(undoToken), this.windowMs);
    timer.unref?.();
    this.pending.set(undoToken, {
      path,
      timer,
      handle,
      ...(entry.kind === 'symlink' ? { symlinkTarget: entry.target ?? '' } : {}),
    });
    return { undoToken, expiresAt: Date.now() + this.windowMs, windowMs: this.windowMs };
  }

  /** Re-pins at the same path. EEXIST (and the undo stays possible) when the name was taken meanwhile. */
  async undoUnlink(token: string): Promise<{ path: string }> {
    const p = this.pending.get(token);
    if (!p) {
      throw new BpfError('ENOENT', 'There is nothing to undo: the undo window has passed or it was already undone.', {
        hint: 'The object was freed if nothing else held it; create or pin it again.',
      });
    }
    try {
      if (p.handle !== undefined) await this.engine.pin(p.handle, p.path);
      else await this.engine.symlink(p.symlinkTarget ?? '', p.path);
    } catch (e) {
      if (isBpfError(e) && e.code === 'EEXIST') {
        throw new BpfError('EEXIST', `Cannot undo: "${p.path}" was taken by something else meanwhile.`, {
          path: p.path,
          hint: 'Rename or remove what is there now, then press Undo again before the window ends.',
        });
      }
      throw e;
    }
    await this.finish(token);
    return { path: p.path };
  }

  /** Ends every window now (closes the held handles). */
  async dispose(): Promise<void> {
    for (const token of [...this.pending.keys()]) await this.finish(token);
  }

  private async openHeld(path: string) {
    try {
      return await this.engine.get(path, 'ro', { internal: true });
    } catch (e) {
      // Links refuse read-only opens (EINVAL).
      if (isBpfError(e) && e.code === 'EINVAL') return this.engine.get(path, 'rw', { internal: true });
      throw e;
    }
  }

  private async expire(token: string): Promise<void> {
    await this.finish(token);
  }

  private async finish(token: string): Promise<void> {
    const p = this.pending.get(token);
    if (!p) return;
    this.pending.delete(token);
    clearTimeout(p.timer);
    if (p.handle === undefined) return;
    try {
      await this.engine.close(p.handle);
    } catch (e) {
      // Closed meanwhile (e.g. through Close handle or dispose): nothing left to release.
      if (!isBpfError(e) || e.code !== 'EBADF') throw e;
    }
  }
}
