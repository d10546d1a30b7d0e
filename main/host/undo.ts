// Unlink with Undo that survives the process: the pin is moved (rename, same mount) into the holding folder, so
// the object keeps a pin through any crash; Undo moves it back, and the window's end removes it. A new process
// finds held pins on the mount (see held-pins.ts), offers the live ones and removes the expired ones.
import type { HeldUnlink, UnlinkWithUndoResult } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

import { dropHoldFolder, findHeld, type HeldPin, holdPathFor, holdTokens, newHoldFolder } from './held-pins.js';
import { expiryOf, guardHolding } from './holding.js';

export const DEFAULT_UNDO_WINDOW_MS = 10_000;

/** The window: 10 s, or BPFSCOPE_UNDO_WINDOW_MS when set (tests that restart a server before pressing Undo). */
export function undoWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.BPFSCOPE_UNDO_WINDOW_MS);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : DEFAULT_UNDO_WINDOW_MS;
}

/** setTimeout's longest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const nothingToUndo = (): BpfError =>
  new BpfError('ENOENT', 'There is nothing to undo: the undo window has passed or it was already undone.', {
    hint: 'The object was freed if nothing else held it; create or pin it again.',
  });

export class UndoRegistry {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextN = 1;

  /** `engine` must be the whole engine, holding folder included. */
  constructor(
    private readonly engine: PinStore,
    private readonly windowMs = undoWindowMs(),
  ) {
    // Runs before any request: the queue orders every change of the holding folder.
    this.serial(() => this.recover()).catch((e: unknown) => warn('reading held pins', e));
  }

  unlinkWithUndo(path: string): Promise<UnlinkWithUndoResult> {
    return this.serial(async () => {
      const entry = await this.engine.stat(guardHolding(path));
      if (entry.kind === 'dir') {
        throw new BpfError('EISDIR', `"${path}" is a folder.`, { path, hint: 'Use "Remove folder" instead.' });
      }
      const expiresAt = Date.now() + this.windowMs;
      let token: string | undefined;
      try {
        token = await newHoldFolder(this.engine, expiresAt, this.nextN++);
        await this.engine.rename(path, await holdPathFor(this.engine, token, path), { noreplace: true });
      } catch (e) {
        if (token !== undefined) await dropHoldFolder(this.engine, token);
        throw holdError(path, e);
      }
      this.arm(token, expiresAt);
      return { undoToken: token, expiresAt, windowMs: this.windowMs };
    });
  }

  /** Moves the pin back. EEXIST (and the pin stays held) when the name was taken meanwhile. */
  undoUnlink(token: string): Promise<{ path: string }> {
    return this.serial(async () => {
      const held = await findHeld(this.engine, token);
      if (!held || held.expiresAt <= Date.now()) throw nothingToUndo();
      try {
        await this.engine.rename(held.heldAt, held.path, { noreplace: true });
      } catch (e) {
        throw restoreError(held, e);
      }
      await this.drop(token);
      return { path: held.path };
    });
  }

  /** Pins held for Undo whose window is still open, oldest first. */
  listHeld(): Promise<HeldUnlink[]> {
    return this.serial(async () => {
      const now = Date.now();
      const out: HeldUnlink[] = [];
      for (const token of await holdTokens(this.engine)) {
        const held = await findHeld(this.engine, token);
        if (!held || held.expiresAt <= now) continue;
        out.push({ undoToken: token, path: held.path, expiresAt: held.expiresAt, remainingMs: held.expiresAt - now });
      }
      return out.sort((a, b) => a.expiresAt - b.expiresAt);
    });
  }

  /** Stops the timers. Held pins stay on the mount: the next start offers or removes them. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async recover(): Promise<void> {
    for (const token of await holdTokens(this.engine)) {
      const expiresAt = expiryOf(token) ?? 0;
      if (expiresAt <= Date.now()) await this.drop(token);
      else this.arm(token, expiresAt);
    }
  }

  private arm(token: string, expiresAt: number): void {
    clearTimeout(this.timers.get(token));
    const delay = Math.min(Math.max(0, expiresAt - Date.now()), MAX_DELAY_MS);
    const timer = setTimeout(() => {
      this.serial(() => this.drop(token)).catch((e: unknown) => warn(`ending the Undo window ${token}`, e));
    }, delay);
    timer.unref?.();
    this.timers.set(token, timer);
  }

  private async drop(token: string): Promise<void> {
    clearTimeout(this.timers.get(token));
    this.timers.delete(token);
    await dropHoldFolder(this.engine, token);
  }

  /** One change of the holding folder at a time. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function holdError(path: string, e: unknown): unknown {
  if (!isBpfError(e)) return e;
  return new BpfError(e.code, `Cannot unlink "${path}" with Undo: ${e.message}`, {
    path,
    ...(e.hint === undefined ? {} : { hint: e.hint }),
  });
}

function restoreError(held: HeldPin, e: unknown): unknown {
  if (!isBpfError(e)) return e;
  if (e.code === 'EEXIST') {
    return new BpfError('EEXIST', `Cannot undo: "${held.path}" was taken by something else meanwhile.`, {
      path: held.path,
      hint: 'Rename or remove what is there now, then press Undo again before the window ends.',
    });
  }
  if (e.code === 'ENOENT') {
    return new BpfError('ENOENT', `Cannot undo: the folder of "${held.path}" is gone.`, {
      path: held.path,
      hint: 'Make the folder again, then press Undo again before the window ends.',
    });
  }
  return e;
}

/** A window that could not be ended is ended by the next start; say so instead of failing the process. */
function warn(what: string, e: unknown): void {
  const why = isBpfError(e) ? `${e.code}: ${e.message}` : String(e);
  process.stderr.write(`bpfscope: ${what} failed (${why}); the next start retries.\n`);
}
