// Held pins on the mount: `bpfscope_undo/<expiry ms>_<n>/<original path>`. Everything Undo needs is in the path,
// so a new process with no other state can restore a pin or remove it when its window has passed.
import { joinPath, parentOf, splitPath } from '../../shared/bpf/paths.js';
import type { DirEntry, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import { expiryOf, HOLDING_DIR, holdFolder, tokenFor } from './holding.js';

export interface HeldPin {
  token: string;
  /** Where the pin was, and where Undo puts it back. */
  path: string;
  /** Where it is held now. */
  heldAt: string;
  expiresAt: number;
}

const isCode = (e: unknown, ...codes: string[]): boolean => isBpfError(e) && codes.includes(e.code);

/** Runs `fn`, answering `fallback` when it fails with one of `codes`. */
async function unless<T>(fn: () => Promise<T>, fallback: T, ...codes: string[]): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isCode(e, ...codes)) return fallback;
    throw e;
  }
}

/** Makes a fresh, empty holding folder for a pin whose window ends at `expiresAt`; returns its token. */
export async function newHoldFolder(engine: PinStore, expiresAt: number, firstN: number): Promise<string> {
  for (let n = firstN, tries = 0; tries < 1000; n++, tries++) {
    await unless(() => engine.mkdir(HOLDING_DIR, 0o700), undefined, 'EEXIST');
    const token = tokenFor(expiresAt, n);
    // ENOENT: another bpfscope removed the emptied holding folder meanwhile; make it again.
    const made = await unless(() => engine.mkdir(holdFolder(token), 0o700).then(() => true), false, 'EEXIST', 'ENOENT');
    if (made) return token;
  }
  throw new Error('no free holding folder name');
}

/** Recreates the folders of `path` below the token's folder; answers where the pin goes. */
export async function holdPathFor(engine: PinStore, token: string, path: string): Promise<string> {
  let dir = holdFolder(token);
  for (const part of splitPath(parentOf(path))) {
    dir = joinPath(dir, part);
    await engine.mkdir(dir, 0o700);
  }
  return joinPath(holdFolder(token), path);
}

/** The first entry that is not a folder below `dir`, depth first. */
async function firstLeaf(engine: PinStore, dir: string): Promise<DirEntry | undefined> {
  for (const e of await engine.list(dir)) {
    if (e.kind !== 'dir') return e;
    const below = await firstLeaf(engine, e.path);
    if (below) return below;
  }
  return undefined;
}

/** The pin held under `token`, or undefined when there is none (restored, removed, or not a token). */
export async function findHeld(engine: PinStore, token: string): Promise<HeldPin | undefined> {
  const expiresAt = expiryOf(token);
  if (expiresAt === undefined) return undefined;
  const leaf = await unless(() => firstLeaf(engine, holdFolder(token)), undefined, 'ENOENT', 'ENOTDIR');
  if (!leaf) return undefined;
  return { token, path: leaf.path.slice(holdFolder(token).length + 1), heldAt: leaf.path, expiresAt };
}

/** Tokens of the holding folders on the mount; names that are not bpfscope's are left out (and alone). */
export async function holdTokens(engine: PinStore): Promise<string[]> {
  const entries = await unless(() => engine.list(HOLDING_DIR), [], 'ENOENT', 'ENOTDIR');
  return entries.filter((e) => e.kind === 'dir' && expiryOf(e.name) !== undefined).map((e) => e.name);
}

/** Removes a token's folder and all below it, then the holding folder if that is empty now. */
export async function dropHoldFolder(engine: PinStore, token: string): Promise<void> {
  const removeAll = async (dir: string): Promise<void> => {
    for (const e of await unless(() => engine.list(dir), [], 'ENOENT')) {
      if (e.kind === 'dir') await removeAll(e.path);
      else await unless(() => engine.unlink(e.path), undefined, 'ENOENT');
    }
    await unless(() => engine.rmdir(dir), undefined, 'ENOENT');
  };
  await removeAll(holdFolder(token));
  await unless(() => engine.rmdir(HOLDING_DIR), undefined, 'ENOENT', 'ENOTEMPTY', 'EBUSY');
}
