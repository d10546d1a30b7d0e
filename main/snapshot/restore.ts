// Rebuilds a captured host in the emulated engine: the captured ids, modes, owners and listing order, objects'
// info, BTF, xlated images and entries. Nothing here runs the emulator's checks of new objects: the host's kernel
// already made them.
import { type LinkTypeName, type MapTypeName, mapFlagNames, type ProgTypeName } from '../../shared/bpf/types.js';
import type { MapInfo, ObjectKind, ProgInfo } from '../../shared/engine.js';

import { EmulatedEngine } from '../engine/emulated/engine.js';
import { HashStore } from '../engine/emulated/hash-store.js';
import { makeStore } from '../engine/emulated/map-create.js';
import type { BpfObject, InnerMeta, LinkObject, MapObject, ProgObject } from '../engine/emulated/objects.js';
import { BPF_ANY } from '../engine/emulated/stores.js';
import type { DirNode, Node, PinNode } from '../engine/emulated/tree.js';
import { objectKey, type Snapshot, type SnapshotEntries, type SnapshotNode } from './reader.js';

/** What could not be put back as it was, for the user. */
export interface RestoreReport {
  engine: EmulatedEngine;
  warnings: string[];
}

function mapOf(engine: EmulatedEngine, info: MapInfo): MapObject {
  const map: MapObject = {
    kind: 'map',
    id: info.id,
    type: info.type as MapTypeName,
    name: info.name,
    keySize: info.keySize,
    valueSize: info.valueSize,
    maxEntries: info.maxEntries,
    flags: info.flags,
    mapExtra: info.mapExtra,
    frozen: false,
    refcnt: 0,
    usercnt: 0,
    store: undefined as never,
    ...(info.ifindex ? { ifindex: info.ifindex } : {}),
    ...(info.btfId ? { btf: { id: info.btfId, keyTypeId: info.btfKeyTypeId, valueTypeId: info.btfValueTypeId } } : {}),
  };
  const refs = {
    hold: (o: BpfObject) => engine.objects.hold(o, false),
    drop: (o: BpfObject) => engine.objects.drop(o, false),
  };
  try {
    map.store = makeStore(map, engine.core.possibleCpus, refs);
  } catch {
    // A map type the emulator does not model: its entries are still there to read, by key.
    map.store = new HashStore({ maxEntries: Math.max(info.maxEntries, 1) });
  }
  return map;
}

function progOf(
  info: ProgInfo,
  insns: Uint8Array,
  usedMaps: MapObject[],
  callNames?: Record<number, string>,
): ProgObject {
  return {
    kind: 'prog',
    id: info.id,
    type: info.type as ProgTypeName,
    name: info.name,
    ...(info.fullName !== undefined ? { fullName: info.fullName } : {}),
    tag: info.tag,
    insns,
    xlated: insns,
    jitedLen: info.jitedLen,
    loadedAt: info.loadedAt,
    createdByUid: info.createdByUid,
    gplCompatible: info.gplCompatible,
    verifiedInsns: info.verifiedInsns,
    usedMaps,
    runCnt: info.runCnt,
    runTimeNs: info.runTimeNs,
    ...(callNames ? { callNames } : {}),
    ...(info.btfId ? { btfId: info.btfId } : {}),
    refcnt: 0,
  };
}

const innerMetaOf = (m: MapObject): InnerMeta => ({
  type: m.type,
  keySize: m.keySize,
  valueSize: m.valueSize,
  maxEntries: m.maxEntries,
  flags: m.flags,
});

/** Puts the captured entries back; fd-valued maps get the captured objects their ids name, when captured. */
function fill(engine: EmulatedEngine, map: MapObject, e: SnapshotEntries, warnings: string[]): void {
  const fdValued = map.type === 'prog_array' || map.type === 'array_of_maps' || map.type === 'hash_of_maps';
  let lost = 0;
  for (let i = 0; i < e.count; i++) {
    // The stores copy what they keep: views are enough.
    const key = e.keys.subarray(i * e.keySize, (i + 1) * e.keySize);
    const value = e.values.subarray(i * e.valueSize, (i + 1) * e.valueSize);
    try {
      if (fdValued) {
        const id = new DataView(value.buffer, value.byteOffset, 4).getUint32(0, true);
        const obj = engine.objects.find(map.type === 'prog_array' ? 'prog' : 'map', id);
        if (!obj) throw new Error('not captured');
        // The capture has no inner map template: the first inner map stands in for the one the outer was made with.
        if (obj.kind === 'map' && map.type !== 'prog_array' && !map.innerMeta) map.innerMeta = innerMetaOf(obj);
        map.store.update(key, obj, BPF_ANY);
      } else map.store.update(e.keySize === 0 ? null : key, value, BPF_ANY);
    } catch {
      lost++;
    }
  }
  if (lost > 0) warnings.push(`${lost} of ${e.count} entries of map ${map.id} (${map.name}) could not be put back.`);
}

function iterLink(engine: EmulatedEngine, id: number, preloaded: 'maps' | 'progs'): LinkObject {
  const insns = new Uint8Array([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);
  const prog = progOf(
    {
      kind: 'prog',
      id: engine.objects.allocId('prog'),
      type: 'tracing',
      typeId: 26,
      name: `dump_bpf_${preloaded === 'maps' ? 'map' : 'prog'}`,
      tag: '0000000000000000',
      jitedLen: 0,
      xlatedLen: insns.length,
      loadedAt: 0,
      createdByUid: 0,
      mapIds: [],
      gplCompatible: true,
      btfId: 0,
      runTimeNs: 0,
      runCnt: 0,
      verifiedInsns: 2,
    },
    insns,
    [],
  );
  engine.objects.register(prog);
  engine.objects.hold(prog, false);
  return { kind: 'link', id, type: 'iter', prog, attach: { target_name: `bpf_${preloaded.slice(0, -1)}` }, refcnt: 0 };
}

function buildObjects(engine: EmulatedEngine, snap: Snapshot, warnings: string[]): void {
  const objects = [...snap.objects.values()];
  // Maps first, then programs (they use maps), then links (they hold programs), then entries (they refer to both).
  for (const o of objects) if (o.info.kind === 'map') engine.objects.register(mapOf(engine, o.info));
  for (const o of objects) {
    if (o.info.kind !== 'prog') continue;
    const used = o.info.mapIds.flatMap((id) => {
      const m = engine.objects.find('map', id);
      return m?.kind === 'map' ? [m] : [];
    });
    if (used.length < o.info.mapIds.length) warnings.push(`Program ${o.info.id} uses maps that were not captured.`);
    const prog = progOf(o.info, o.xlated?.insns ?? new Uint8Array(), used, o.xlated?.callNames);
    for (const m of used) engine.objects.hold(m, false);
    engine.objects.register(prog);
  }
  for (const o of objects) {
    if (o.info.kind !== 'link') continue;
    const prog = engine.objects.find('prog', o.info.progId);
    if (prog?.kind !== 'prog') {
      warnings.push(`Link ${o.info.id}: its program ${o.info.progId} was not captured.`);
      continue;
    }
    engine.objects.hold(prog, false);
    engine.objects.register({
      kind: 'link',
      id: o.info.id,
      type: o.info.type as LinkTypeName,
      prog,
      attach: { ...o.info.attach },
      refcnt: 0,
    });
  }
  for (const o of objects) {
    if (o.info.kind !== 'map') continue;
    const map = engine.objects.find('map', o.info.id) as MapObject;
    const entries = snap.entries.get(o.info.id);
    if (entries) fill(engine, map, entries, warnings);
    map.frozen = o.info.frozen;
    if (mapFlagNames(map.flags).length === 0 && map.flags !== 0) warnings.push(`Map ${map.id} has unknown flags.`);
  }
}

function buildTree(engine: EmulatedEngine, snap: Snapshot, warnings: string[]): void {
  const dirs = new Map<string, DirNode>([['', engine.tree.root]]);
  // Hard links of one pin share a node: the same object, owner and mode, and nlink > 1.
  const shared = new Map<string, PinNode>();
  const byParent = new Map<string, SnapshotNode[]>();
  for (const n of snap.nodes) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
  const visit = (path: string): void => {
    const dir = dirs.get(path)!;
    // readdir lists newest first; the tree keeps children oldest first.
    const children = [...(byParent.get(path) ?? [])].sort((a, b) => b.seq - a.seq);
    for (const n of children) {
      const node = nodeOf(engine, n, shared, dir, warnings);
      if (!node) continue;
      engine.tree.put(dir, n.name, node);
      if (node.kind === 'dir') {
        dirs.set(n.path, node);
        visit(n.path);
      }
    }
  };
  visit('');
}

function nodeOf(
  engine: EmulatedEngine,
  n: SnapshotNode,
  shared: Map<string, PinNode>,
  dir: DirNode,
  warnings: string[],
): Node | undefined {
  const owner = { mode: n.mode, uid: n.uid, gid: n.gid };
  if (n.kind === 'dir') return { kind: 'dir', children: new Map(), parent: dir, ...owner };
  if (n.kind === 'symlink') return { kind: 'symlink', target: n.target ?? '', nlink: n.nlink, ...owner };
  let obj: BpfObject | undefined = n.object && engine.objects.find(n.object.kind as ObjectKind, n.object.id);
  if (!obj && n.preloaded) {
    obj = iterLink(engine, n.object?.id ?? engine.objects.allocId('link'), n.preloaded);
    engine.objects.register(obj);
  }
  if (!obj) {
    warnings.push(`"${n.path}": its object was not captured${n.noAccess ? ` (${n.noAccess.code})` : ''}; left out.`);
    return undefined;
  }
  const key = `${objectKey(obj.kind, obj.id)}:${n.mode}:${n.uid}:${n.gid}`;
  const same = n.nlink > 1 ? shared.get(key) : undefined;
  if (same) return same;
  engine.objects.hold(obj, true);
  const pin: PinNode = {
    kind: 'pin',
    object: obj,
    nlink: n.nlink,
    ...owner,
    ...(n.preloaded ? { noGet: true } : {}),
    ...(n.object ? {} : { noRef: true }),
  };
  if (n.nlink > 1) shared.set(key, pin);
  return pin;
}

/** An emulated engine holding what the snapshot captured. */
export function restoreEngine(snap: Snapshot): RestoreReport {
  const engine = new EmulatedEngine({
    possibleCpus: snap.meta.possibleCpus,
    mountPoint: snap.meta.mountPoint,
    uid: 0,
    gid: 0,
    umask: 0,
  });
  const warnings: string[] = [];
  for (const [id, data] of snap.btf) engine.btf.restore(id, data);
  buildObjects(engine, snap, warnings);
  buildTree(engine, snap, warnings);
  return { engine, warnings };
}
