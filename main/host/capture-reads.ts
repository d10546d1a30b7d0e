// The raw reads a snapshot capture makes through the host: info and xlated image, packed entries, BTF bytes.
// Each opens an internal handle (by pin path, or by id for objects a pin only refers to) and closes it again.
import type { CapturedEntries, CapturedObject } from '../../shared/contract.js';
import type { HandleInfo, ObjectKind, PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

export type ObjectTarget = { path: string } | { kind: ObjectKind; id: number };

async function withHandle<T>(engine: PinStore, target: ObjectTarget, run: (h: HandleInfo) => Promise<T>): Promise<T> {
  // Links and programs open read-write only; a read-only open is enough for a map's info and entries.
  const opened =
    'path' in target
      ? await openPath(engine, target.path)
      : await engine.getById(target.kind, target.id, target.kind === 'map' ? 'ro' : 'rw', { internal: true });
  try {
    return await run(opened);
  } finally {
    await engine.close(opened.handle);
  }
}

async function openPath(engine: PinStore, path: string): Promise<HandleInfo> {
  try {
    return await engine.get(path, 'ro', { internal: true });
  } catch (e) {
    if (isBpfError(e) && e.code === 'EINVAL') return engine.get(path, 'rw', { internal: true });
    throw e;
  }
}

export function captureObject(engine: PinStore, target: ObjectTarget): Promise<CapturedObject> {
  return withHandle(engine, target, async (h) => {
    const info = await engine.objectInfo(h.handle);
    if (info.kind !== 'prog') return { info };
    return { info, xlated: await engine.progXlated(h.handle) };
  });
}

export function captureMapEntries(
  engine: PinStore,
  target: ObjectTarget,
  maxEntries = Number.POSITIVE_INFINITY,
): Promise<CapturedEntries> {
  return withHandle(engine, target, async (h) => {
    if (h.kind !== 'map') throw new BpfError('EINVAL', `The ${h.kind} ${h.id} is not a map.`);
    // Stop the batch read once maxEntries are in: the chunk views are only valid inside onChunk, so copy.
    const stop = new AbortController();
    let cut: CapturedEntries | undefined;
    try {
      const all = await engine.mapReadPacked(h.handle, {
        signal: stop.signal,
        onChunk: (c) => {
          if (cut || c.count <= maxEntries) return;
          cut = { ...c, count: maxEntries, ...slice(c, maxEntries), truncated: true };
          stop.abort();
        },
      });
      if (cut) return cut;
      return { ...all, truncated: false };
    } catch (e) {
      if (cut) return cut;
      throw e;
    }
  });
}

function slice(c: { keySize: number; valueSize: number; keys: Uint8Array; values: Uint8Array }, n: number) {
  return { keys: c.keys.slice(0, n * c.keySize), values: c.values.slice(0, n * c.valueSize) };
}
