// Pin health over a folder: orphaned maps, programs attached nowhere, links whose target is gone, objects pinned
// more than once, and, given an object file, pins libbpf would refuse to reuse. Built from the engine's object list
// and infos; every handle it opens is internal and closed before it answers.

import type { LinkInfo, ObjectSummary, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';
import type { PinHealthReport } from '../../shared/pin-health.js';
import { deadLinkTarget, HEALTH_MEANING, type HealthFinding, loaderOf } from '../../shared/pin-health.js';

import { checkObjectPins, type ObjectFile } from './pin-compat.js';

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

interface Uses {
  maps: Set<number>;
  progs: Set<number>;
  links: Map<number, LinkInfo>;
}

/** What keeps objects in use besides pins: maps used by programs or held in maps, programs linked or in prog_arrays. */
async function usedIds(engine: PinStore, objects: ObjectSummary[]): Promise<Uses> {
  const uses: Uses = { maps: new Set(), progs: new Set(), links: new Map() };
  for (const o of objects) {
    try {
      if (o.kind === 'prog' || o.kind === 'link') {
        const info = o.pins[0] ? await engine.pathInfo(o.pins[0]) : await infoById(engine, o);
        if (info.kind === 'prog') for (const id of info.mapIds) uses.maps.add(id);
        if (info.kind === 'link') {
          uses.progs.add(info.progId);
          uses.links.set(info.id, info);
        }
      } else if (o.pins[0] && (o.type === 'prog_array' || o.type === 'array_of_maps' || o.type === 'hash_of_maps')) {
        const into = o.type === 'prog_array' ? uses.progs : uses.maps;
        for (const id of await idsHeldBy(engine, o.pins[0])) into.add(id);
      }
    } catch (e) {
      // Gone meanwhile, or not ours to open: it simply adds no use.
      if (!isBpfError(e)) throw e;
    }
  }
  return uses;
}

async function infoById(engine: PinStore, o: ObjectSummary) {
  const h = await engine.getById(o.kind, o.id, 'rw', { internal: true });
  try {
    return await engine.objectInfo(h.handle);
  } finally {
    await engine.close(h.handle);
  }
}

export async function pinHealth(engine: PinStore, path: string, object?: ObjectFile): Promise<PinHealthReport> {
  const prefix = path === '' ? '' : `${path.replace(/\/+$/, '')}/`;
  const under = (p: string): boolean => prefix === '' || p.startsWith(prefix);
  // A bad object file is refused before anything is read.
  const compat = object ? await checkObjectPins(engine, path, object) : undefined;
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
    const ref = { kind: o.kind, id: o.id, type: o.type, name: o.name };
    const add = (kind: HealthFinding['kind'], detail?: string): void => {
      const loader = loaderOf(pins[0]!);
      findings.push({
        kind,
        pins,
        object: ref,
        meaning: HEALTH_MEANING[kind],
        ...(loader ? { loader } : {}),
        ...(detail ? { detail } : {}),
      });
    };
    if (o.kind === 'map' && unheld && !used.maps.has(o.id)) add('orphan-map');
    if (o.kind === 'prog' && unheld && !used.progs.has(o.id)) add('unattached-prog');
    const link = o.kind === 'link' ? used.links.get(o.id) : undefined;
    const gone = link && deadLinkTarget(link);
    if (gone) add('dead-link', `The ${link.type} link of program id ${link.progId} is defunct: ${gone}.`);
    if (o.pins.length > 1) add('duplicate');
  }
  if (compat) findings.push(...compat.findings);
  return { path, findings, pinsChecked, inLoaderFolders, ...(compat ? { checkedObject: compat.checked } : {}) };
}
