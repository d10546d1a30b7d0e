// Reads a .bpfsnap into plain values: meta, nodes, objects, BTF blobs and each map's packed entries.
import type { Database, SqlValue } from 'sql.js';

import type { DirEntry, NoAccess, ObjectHolder, ObjectInfo, ObjectKind, ProgXlated } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { APPLICATION_ID, FORMAT_VERSION } from './schema.js';
import { sqlite } from './sqlite.js';
import type { EntriesState } from './writer.js';

export interface SnapshotMeta {
  host: string;
  kernel: string;
  engine: string;
  mountPoint: string;
  possibleCpus: number;
  mounts: string[];
  capturedAt: number;
  bpfscopeVersion: string;
  maps: string;
  maxEntries?: number;
}

export interface SnapshotNode extends DirEntry {
  parent: string;
  seq: number;
}

export interface SnapshotObject {
  info: ObjectInfo;
  pins: string[];
  holders: ObjectHolder[];
  xlated?: ProgXlated;
  entries?: { state: EntriesState; error?: string; count: number };
}

export interface SnapshotEntries {
  count: number;
  keySize: number;
  valueSize: number;
  /** 0, or the number of per-CPU slots in each value. */
  cpus: number;
  keys: Uint8Array;
  values: Uint8Array;
}

export interface Snapshot {
  meta: SnapshotMeta;
  /** Every tree entry, parents before children, each folder's entries in listing order. */
  nodes: SnapshotNode[];
  objects: Map<string, SnapshotObject>;
  btf: Map<number, Uint8Array>;
  /** By map id; maps whose entries were skipped or failed have none. */
  entries: Map<number, SnapshotEntries>;
}

export const objectKey = (kind: ObjectKind, id: number): string => `${kind}:${id}`;

function rows(db: Database, sql: string): Record<string, SqlValue>[] {
  const st = db.prepare(sql);
  const out: Record<string, SqlValue>[] = [];
  while (st.step()) out.push(st.getAsObject());
  st.free();
  return out;
}

type Cell = SqlValue | undefined;
const text = (v: Cell): string => (v === null || v === undefined ? '' : String(v));
const num = (v: Cell): number => Number(v);
const json = <T>(v: Cell, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : fallback);
const blob = (v: Cell): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array());

function notSnapshot(name: string, why: string): BpfError {
  return new BpfError('EINVAL', `${name} is not a bpfscope snapshot: ${why}.`, {
    hint: 'Open a .bpfsnap file written by `bpfscope snapshot` or "Capture snapshot…".',
  });
}

function checkHeader(db: Database, name: string): void {
  let appId: number;
  let version: number;
  try {
    appId = num(db.exec('PRAGMA application_id')[0]?.values[0]?.[0] ?? 0);
    version = num(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
  } catch (e) {
    throw notSnapshot(name, e instanceof Error ? e.message : String(e));
  }
  if (appId !== APPLICATION_ID) throw notSnapshot(name, 'it is not a SQLite database with the bpfsnap application id');
  if (version > FORMAT_VERSION) {
    throw new BpfError(
      'EINVAL',
      `${name} has snapshot format ${version}; this bpfscope reads up to ${FORMAT_VERSION}.`,
      {
        hint: 'Open it with a newer bpfscope.',
      },
    );
  }
}

function readMeta(db: Database): SnapshotMeta {
  const m = new Map(rows(db, 'SELECT key, value FROM meta').map((r) => [text(r.key), text(r.value)]));
  const get = (k: string): string => m.get(k) ?? '';
  return {
    host: get('host'),
    kernel: get('kernel'),
    engine: get('engine'),
    mountPoint: get('mount_point') || '/sys/fs/bpf',
    possibleCpus: Math.max(1, Number(get('possible_cpus')) || 1),
    mounts: json<string[]>(get('mounts') || null, []),
    capturedAt: Number(get('captured_at')) || 0,
    bpfscopeVersion: get('bpfscope_version'),
    maps: get('maps'),
    ...(m.has('max_entries') ? { maxEntries: Number(get('max_entries')) } : {}),
  };
}

function readNodes(db: Database): SnapshotNode[] {
  return rows(db, "SELECT * FROM nodes ORDER BY length(path) - length(replace(path, '/', '')), parent, seq").map(
    (r) => {
      const kind = text(r.kind) as DirEntry['kind'];
      const node: SnapshotNode = {
        name: text(r.name),
        path: text(r.path),
        parent: text(r.parent),
        seq: num(r.seq),
        kind,
        mode: num(r.mode),
        uid: num(r.uid),
        gid: num(r.gid),
        nlink: num(r.nlink),
      };
      if (r.target !== null) node.target = text(r.target);
      if (r.object_kind !== null)
        node.object = { kind: text(r.object_kind) as ObjectKind, id: num(r.object_id), type: '', name: '' };
      if (r.no_access !== null) node.noAccess = json<NoAccess>(r.no_access, { code: 'EACCES', reason: '' });
      if (r.preloaded !== null) node.preloaded = text(r.preloaded) as 'maps' | 'progs';
      return node;
    },
  );
}

function readObjects(db: Database): Map<string, SnapshotObject> {
  const out = new Map<string, SnapshotObject>();
  for (const r of rows(db, 'SELECT * FROM objects')) {
    const info = json<ObjectInfo>(r.info, undefined as never);
    const o: SnapshotObject = { info, pins: json(r.pins, []), holders: json(r.holders, []) };
    if (r.xlated !== null) {
      o.xlated = { insns: blob(r.xlated), mapIds: json(r.xlated_map_ids, []) };
      if (r.call_names !== null) o.xlated.callNames = json(r.call_names, {});
    }
    if (r.entries_state !== null) {
      o.entries = { state: text(r.entries_state) as EntriesState, count: num(r.entry_count) };
      if (r.entries_error !== null) o.entries.error = text(r.entries_error);
    }
    out.set(objectKey(info.kind, info.id), o);
  }
  return out;
}

function readEntries(db: Database): Map<number, SnapshotEntries> {
  const parts = new Map<number, Record<string, SqlValue>[]>();
  for (const r of rows(db, 'SELECT * FROM entry_chunks ORDER BY map_id, seq')) {
    const id = num(r.map_id);
    parts.set(id, [...(parts.get(id) ?? []), r]);
  }
  const out = new Map<number, SnapshotEntries>();
  for (const [id, chunks] of parts) {
    const first = chunks[0]!;
    const keySize = num(first.key_size);
    const valueSize = num(first.value_size);
    const count = chunks.reduce((n, c) => n + num(c.count), 0);
    const keys = new Uint8Array(count * keySize);
    const values = new Uint8Array(count * valueSize);
    let at = 0;
    for (const c of chunks) {
      keys.set(blob(c.keys).subarray(0, num(c.count) * keySize), at * keySize);
      values.set(blob(c.vals).subarray(0, num(c.count) * valueSize), at * valueSize);
      at += num(c.count);
    }
    out.set(id, { count, keySize, valueSize, cpus: num(first.cpus), keys, values });
  }
  return out;
}

/** Parses a snapshot file's bytes; `name` names it in errors. */
export async function readSnapshot(bytes: Uint8Array, name: string): Promise<Snapshot> {
  const SQL = await sqlite();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    throw notSnapshot(name, e instanceof Error ? e.message : String(e));
  }
  try {
    checkHeader(db, name);
    const btf = new Map(rows(db, 'SELECT id, data FROM btf').map((r) => [num(r.id), blob(r.data)]));
    return { meta: readMeta(db), nodes: readNodes(db), objects: readObjects(db), btf, entries: readEntries(db) };
  } catch (e) {
    if (e instanceof BpfError) throw e;
    throw notSnapshot(name, e instanceof Error ? e.message : String(e));
  } finally {
    db.close();
  }
}
