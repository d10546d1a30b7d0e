// Recursive folder removal: first what it would free (objects whose every pin is inside and that nothing
// else holds), then removal bottom-up, stopping at the first refusal and saying what was and was not removed.

import type { RemoveTreeResult } from '../../shared/contract.js';
import type { DirEntry, ObjectSummary, PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

/** Every entry below `path`, children before their folder, and `path` itself last. */
async function bottomUp(engine: PinStore, path: string): Promise<DirEntry[]> {
  const out: DirEntry[] = [];
  const walk = async (dir: DirEntry): Promise<void> => {
    if (dir.kind === 'dir') for (const child of await engine.list(dir.path)) await walk(child);
    out.push(dir);
  };
  await walk(await engine.stat(path));
  return out;
}

const inside = (root: string, p: string): boolean => p === root || p.startsWith(`${root}/`);

function freedBy(root: string, objects: ObjectSummary[]): ObjectSummary[] {
  return objects.filter(
    (o) =>
      o.pins.length > 0 &&
      o.pins.every((p) => inside(root, p)) &&
      o.handles.length === 0 &&
      (o.holders ?? []).length === 0,
  );
}

export async function removeTree(engine: PinStore, path: string, dryRun: boolean): Promise<RemoveTreeResult> {
  if (path === '') {
    throw new BpfError('EBUSY', 'The mount root cannot be removed.', {
      path,
      hint: 'Remove the folders inside it one by one.',
    });
  }
  const entries = await bottomUp(engine, path);
  const freed = freedBy(path, await engine.listObjects()).map(({ kind, id, type, name, pins }) => ({
    kind,
    id,
    type,
    name,
    pins,
  }));
  const paths = entries.map((e) => e.path);
  if (dryRun) return { entries: paths, freed, removed: [], notRemoved: paths };
  const removed: string[] = [];
  for (const e of entries) {
    try {
      if (e.kind === 'dir') await engine.rmdir(e.path);
      else await engine.unlink(e.path);
    } catch (err) {
      if (!isBpfError(err)) throw err;
      return {
        entries: paths,
        freed,
        removed,
        notRemoved: paths.filter((p) => !removed.includes(p)),
        error: { ...err.toWire(), path: e.path },
      };
    }
    removed.push(e.path);
  }
  return { entries: paths, freed, removed, notRemoved: [] };
}
