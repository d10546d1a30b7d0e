// Composite reads for the UI, built from engine primitives: they never leave a handle open.

import type { InspectResult, UnlinkImpact } from '../../shared/contract.js';
import type { DirEntry, ObjectSummary, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import { encodeDump } from './codec.js';

/** The summary of the object pinned at `entry`: one object's pins and holders, never a scan of everything. */
async function summaryOf(engine: PinStore, entry: DirEntry): Promise<ObjectSummary | undefined> {
  const ref = entry.object;
  return ref ? engine.objectSummary(ref.kind, ref.id) : undefined;
}

export async function inspectPath(engine: PinStore, path: string, limit: number): Promise<InspectResult> {
  const entry = await engine.stat(path);
  const result: InspectResult = { entry, pins: [], handles: [] };
  // The preloaded iterators cannot be opened (ENOENT), even where the engine knows their object.
  if (!entry.object || entry.preloaded) return result;
  const [info, summary] = await Promise.all([engine.pathInfo(path), summaryOf(engine, entry)]);
  result.info = info;
  result.pins = summary?.pins ?? [path];
  result.handles = summary?.handles ?? [];
  if (info.kind === 'map' && limit > 0) {
    try {
      const h = await engine.get(path, 'ro', { internal: true });
      try {
        result.dump = encodeDump(await engine.mapDump(h.handle, limit));
      } finally {
        await engine.close(h.handle);
      }
    } catch (e) {
      if (!isBpfError(e)) throw e;
      result.dumpError = e.toWire();
    }
  }
  return result;
}

export async function unlinkImpact(engine: PinStore, path: string): Promise<UnlinkImpact> {
  const entry = await engine.stat(path);
  const summary = await summaryOf(engine, entry);
  const otherPins = (summary?.pins ?? []).filter((p) => p !== path);
  const handles = summary?.handles ?? [];
  const holders = summary?.holders ?? [];
  const freesObject =
    entry.object !== undefined && otherPins.length === 0 && handles.length === 0 && holders.length === 0;
  return { entry, otherPins, handles, holders, freesObject };
}
