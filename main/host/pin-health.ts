// Pin health over a folder: orphaned maps, programs attached nowhere, objects pinned more than once. Built from the
// engine's object list and infos; every handle it opens is internal and closed before it answers.

import type { ObjectSummary, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';
import type { PinHealthReport } from '../../shared/pin-health.js';
import { HEALTH_MEANING, type HealthFinding, loaderOf } from '../../shared/pin-health.js';

/** Object ids stored as values of prog_array / map-in-map maps (4-byte little-endian ids). */
async function idsHeldBy(engine: PinStore, path: string): Promise<number[]> {
  const h = await engine.get(path, 'ro', { internal: true });
  try {
    const dump = await engine.mapDump(h.handle);
    return dump.entries.map((e) => new DataView(e.value.buffer, e.value.byteOffset).getUint32(0, true));
  } finally {
    await engine.close(h.handle);
  }
}

/** What keeps objects in use besides pins: maps used by programs or held in maps, programs linked or in prog_arrays. */
async function usedIds(engine: PinStore, objects: ObjectSummary[]): Promise<{ maps: Set<number>; progs: Set<number> }> {
  const maps = new Set<number>();
  const progs = new Set<number>();
  for (const o of objects) {
    try {
      if (o.kind === 'prog' || o.kind === 'link') {
        const info = o.pins[0] ? await engine.pathInfo(o.pins[0]) : await infoById(engine, o);
        if (info?.kind === 'prog') for (const id of info.mapIds) maps.add(id);
        if (info?.kind === 'link') progs.add(info.progId);
      } else if (o.pins[0] && (o.type === 'prog_array' || o.type === 'array_of_maps' || o.type === 'hash_of_maps')) {
        const into = o.type === 'prog_array' ? progs : maps;
        for (const id of await idsHeldBy(engine, o.pins[0])) into.add(id);
      }
    } catch (e) {
      // Gone meanwhile, or not ours to open: it simply adds no use.
      if (!isBpfError(e)) throw e;
    }
  }
  return { maps, progs };
}

async function infoById(engine: PinStore, o: ObjectSummary) {
  const h = await engine.getById(o.kind, o.id, 'rw', { internal: true });
  try {
    return await engine.objectInfo(h.handle);
  } finally {
    await engine.close(h.handle);
  }
}

export async function pinHealth(engine: PinStore, path: string): Promise<PinHealthReport> {
  const prefix = path === '' ? '' : `${path.replace(/\/+$/, '')}/`;
  const under = (p: string): boolean => prefix === '' || p.startsWith(prefix);
  const objects = await engine.listObjects();
  const used = await usedIds(engine, objects);
  const findings: HealthFinding[] = [];
  let pinsChecked = 0;
  let inLoaderFolders = 0;
  for (const o of objects) {
    const pins = o.pins.filter(under).sort();
    if (pins.length === 0) continue;
    pinsChecked += pins.length;
    inLoaderFolders += pins.filter((p) => loaderOf(p) !== undefined).length;
    const unheld = o.handles.length === 0 && (o.holders ?? []).length === 0;
    const object = { kind: o.kind, id: o.id, type: o.type, name: o.name };
    const add = (kind: HealthFinding['kind']): void => {
      const loader = loaderOf(pins[0]!);
      findings.push({ kind, pins, object, meaning: HEALTH_MEANING[kind], ...(loader ? { loader } : {}) });
    };
    if (o.kind === 'map' && unheld && !used.maps.has(o.id)) add('orphan-map');
    if (o.kind === 'prog' && unheld && !used.progs.has(o.id)) add('unattached-prog');
    if (o.pins.length > 1) add('duplicate');
  }
  return { path, findings, pinsChecked, inLoaderFolders };
}
