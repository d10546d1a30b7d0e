// The difference of two snapshots: pins added, removed, moved or pointing to another object; objects whose info
// changed; per map pinned at the same path, entries added, removed and changed.
import { bytesToHex } from '../../shared/bpf/hex.js';
import type { ObjectInfo } from '../../shared/engine.js';
import {
  DIFF_ROW_LIMIT,
  type FieldChange,
  type MapEntriesDiff,
  type ObjectKey,
  type PinDiffEntry,
  type SnapshotDiff,
} from '../../shared/snapshot.js';

import { objectKey, type Snapshot, type SnapshotEntries, type SnapshotNode } from './reader.js';

/** Info fields that move by themselves while programs run. */
const VOLATILE = new Set(['runCnt', 'runTimeNs']);

function nameOf(snap: Snapshot, n: SnapshotNode): string {
  const o = n.object && snap.objects.get(objectKey(n.object.kind, n.object.id));
  return o && o.info.kind !== 'link' ? o.info.name : '';
}

function pinEntry(snap: Snapshot, n: SnapshotNode): PinDiffEntry {
  return n.object
    ? { path: n.path, kind: n.kind, object: { kind: n.object.kind, id: n.object.id, name: nameOf(snap, n) } }
    : { path: n.path, kind: n.kind };
}

function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>, skip = VOLATILE): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(field)) continue;
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) out.push({ field, from: a[field], to: b[field] });
  }
  return out;
}

const sameObject = (a: SnapshotNode, b: SnapshotNode): boolean =>
  a.object !== undefined && b.object !== undefined && a.object.kind === b.object.kind && a.object.id === b.object.id;

function diffPins(a: Snapshot, b: Snapshot): SnapshotDiff['pins'] {
  const before = new Map(a.nodes.map((n) => [n.path, n]));
  const after = new Map(b.nodes.map((n) => [n.path, n]));
  const pins: SnapshotDiff['pins'] = { added: [], removed: [], moved: [], replaced: [], changed: [] };
  const gone = a.nodes.filter((n) => !after.has(n.path));
  const fresh = b.nodes.filter((n) => !before.has(n.path));
  // A pin that left one path and appeared at another, for the same object, moved.
  const movedTo = new Set<string>();
  const movedFrom = new Set<string>();
  for (const g of gone) {
    if (!g.object) continue;
    const to = fresh.find((f) => !movedTo.has(f.path) && sameObject(g, f));
    if (!to) continue;
    movedTo.add(to.path);
    movedFrom.add(g.path);
    pins.moved.push({
      from: g.path,
      to: to.path,
      object: { kind: g.object.kind, id: g.object.id, name: nameOf(a, g) },
    });
  }
  for (const f of fresh) if (!movedTo.has(f.path)) pins.added.push(pinEntry(b, f));
  for (const g of gone) if (!movedFrom.has(g.path)) pins.removed.push(pinEntry(a, g));
  for (const [path, x] of before) {
    const y = after.get(path);
    if (!y) continue;
    if (x.object && y.object && !sameObject(x, y)) {
      pins.replaced.push({ path, from: withTag(a, x.object), to: withTag(b, y.object) });
      continue;
    }
    const fields = fieldChanges(
      { kind: x.kind, mode: x.mode, uid: x.uid, gid: x.gid, target: x.target },
      { kind: y.kind, mode: y.mode, uid: y.uid, gid: y.gid, target: y.target },
    );
    if (fields.length > 0) pins.changed.push({ path, fields });
  }
  return pins;
}

function withTag(snap: Snapshot, o: ObjectKey): ObjectKey & { tag?: string } {
  const info = snap.objects.get(objectKey(o.kind, o.id))?.info;
  return info?.kind === 'prog' ? { kind: o.kind, id: o.id, tag: info.tag } : { kind: o.kind, id: o.id };
}

function diffObjects(a: Snapshot, b: Snapshot): SnapshotDiff['objects'] {
  const out: SnapshotDiff['objects'] = [];
  for (const [key, x] of a.objects) {
    const y = b.objects.get(key);
    if (!y) continue;
    const fields = fieldChanges(
      x.info as unknown as Record<string, unknown>,
      y.info as unknown as Record<string, unknown>,
    );
    if (fields.length > 0) out.push({ kind: x.info.kind, id: x.info.id, name: infoName(y.info), fields });
  }
  return out;
}

const infoName = (info: ObjectInfo): string => (info.kind === 'link' ? '' : info.name);

/** Each entry's key as a string, and where its value starts. */
function index(e: SnapshotEntries): Map<string, number> {
  const m = new Map<string, number>();
  const keys = Buffer.from(e.keys.buffer, e.keys.byteOffset, e.keys.byteLength);
  for (let i = 0; i < e.count; i++) m.set(keys.toString('latin1', i * e.keySize, (i + 1) * e.keySize), i);
  return m;
}

export function diffEntries(
  x: SnapshotEntries,
  y: SnapshotEntries,
): Omit<MapEntriesDiff, 'path' | 'name' | 'fromId' | 'toId'> {
  const out = {
    added: 0,
    removed: 0,
    changed: 0,
    keySize: y.keySize,
    valueSize: y.valueSize,
    rows: [] as MapEntriesDiff['rows'],
  };
  const value = (e: SnapshotEntries, i: number) => e.values.subarray(i * e.valueSize, (i + 1) * e.valueSize);
  const key = (e: SnapshotEntries, i: number) => bytesToHex(e.keys.subarray(i * e.keySize, (i + 1) * e.keySize));
  const counts = { added: 0, removed: 0, changed: 0 };
  const row = (r: MapEntriesDiff['rows'][number]): void => {
    if (counts[r.change]++ < DIFF_ROW_LIMIT) out.rows.push(r);
  };
  const before = index(x);
  const yKeys = Buffer.from(y.keys.buffer, y.keys.byteOffset, y.keys.byteLength);
  const seen = new Set<number>();
  for (let j = 0; j < y.count; j++) {
    const i = before.get(yKeys.toString('latin1', j * y.keySize, (j + 1) * y.keySize));
    if (i === undefined) {
      out.added++;
      row({ change: 'added', key: key(y, j), to: bytesToHex(value(y, j)) });
      continue;
    }
    seen.add(i);
    if (x.valueSize !== y.valueSize || Buffer.compare(value(x, i), value(y, j)) !== 0) {
      out.changed++;
      row({ change: 'changed', key: key(y, j), from: bytesToHex(value(x, i)), to: bytesToHex(value(y, j)) });
    }
  }
  for (let i = 0; i < x.count; i++) {
    if (seen.has(i)) continue;
    out.removed++;
    row({ change: 'removed', key: key(x, i), from: bytesToHex(value(x, i)) });
  }
  return out;
}

function diffMaps(a: Snapshot, b: Snapshot): MapEntriesDiff[] {
  const out: MapEntriesDiff[] = [];
  const before = new Map(a.nodes.filter((n) => n.kind === 'map' && n.object).map((n) => [n.path, n]));
  const done = new Set<string>();
  for (const y of b.nodes) {
    const x = before.get(y.path);
    if (y.kind !== 'map' || !y.object || !x?.object) continue;
    const pair = `${x.object.id}:${y.object.id}`;
    if (done.has(pair)) continue;
    done.add(pair);
    const ox = a.objects.get(objectKey('map', x.object.id));
    const oy = b.objects.get(objectKey('map', y.object.id));
    const ex = a.entries.get(x.object.id);
    const ey = b.entries.get(y.object.id);
    const base = {
      path: y.path,
      name: oy?.info.kind === 'map' ? oy.info.name : '',
      fromId: x.object.id,
      toId: y.object.id,
    };
    const states = [ox?.entries?.state, oy?.entries?.state];
    if (states.some((s) => s !== 'complete')) {
      if (states.every((s) => s === 'skipped' || s === 'failed')) continue;
      out.push({
        ...base,
        added: 0,
        removed: 0,
        changed: 0,
        keySize: 0,
        valueSize: 0,
        rows: [],
        incomplete: `entries ${states.join(' / ')}`,
      });
      continue;
    }
    const empty: SnapshotEntries = {
      count: 0,
      keySize: 0,
      valueSize: 0,
      cpus: 0,
      keys: new Uint8Array(),
      values: new Uint8Array(),
    };
    const d = diffEntries(ex ?? empty, ey ?? empty);
    if (d.added + d.removed + d.changed > 0) out.push({ ...base, ...d });
  }
  return out;
}

export function diffSnapshots(a: Snapshot, b: Snapshot, labels: { from: string; to: string }): SnapshotDiff {
  return { ...labels, pins: diffPins(a, b), objects: diffObjects(a, b), maps: diffMaps(a, b) };
}
