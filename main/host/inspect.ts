// Composite reads for the UI, built from engine primitives: they never leave a handle open.

import type { InspectResult, UnlinkImpact } from '../../shared/contract.js';
import type { DirEntry, ObjectSummary, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import { encodeDump } from './codec.js';

async function findObject(engine: PinStore, entry: DirEntry): Promise<ObjectSummary | undefined> {
  const ref = entry.object;
  if (!ref) return undefined;
  const all = await engine.listObjects();
  return all.find((o) => o.kind === ref.kind && o.id === ref.id);
}

export async function inspectPath(engine: PinStore, path: string, limit: number): Promise<InspectResult> {
  const entry = await engine.stat(path);
  const result: InspectResult = { entry, pins: [], handles: [] };
  if (!entry.object) return result;
  const [info, summary] = await Promise.all([engine.pathInfo(path), findObject(engine, entry)]);
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
  const summary = await findObject(engine, entry);
  const otherPins = (summary?.pins ?? []).filter((p) => p !== path);
  const handles = summary?.handles ?? [];
  const holders = summary?.holders ?? [];
  const freesObject =
    entry.object !== undefined && otherPins.length === 0 && handles.length === 0 && holders.length === 0;
  return { entry, otherPins, handles, holders, freesObject };
}
