// Captures a host into a .bpfsnap: the tree, every pinned object (and the objects they refer to), programs' xlated
// images, BTF blobs and maps' entries (batch reads). It is a client of the host's operations, so it works the same
// on the emulated engine in this process and on the native engine behind the agent.
import { hostname, release } from 'node:os';

import { type MapTypeName, PERCPU_MAP_TYPES } from '../../shared/bpf/types.js';
import type { CapturedEntries, CapturedObject, OpName, Request, Response } from '../../shared/contract.js';
import type { DirEntry, ObjectInfo, ObjectKind, ObjectSummary } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';
import { type CaptureOptions, type CaptureProgress, globToRegExp } from '../../shared/snapshot.js';

import { bpfscopeVersion } from '../agent/facts.js';
import type { HostPort } from '../host/port.js';
import { FORMAT_VERSION } from './schema.js';
import { type ObjectRow, SnapshotWriter } from './writer.js';

export interface CaptureRun extends CaptureOptions {
  onProgress?: (p: CaptureProgress) => void;
  signal?: AbortSignal;
  /** The host's name as the file records it (default: this machine's, or the ssh host the agent runs on). */
  hostName?: string;
  /** Defaults to now: tests give fixed times. */
  now?: () => number;
}

type Call = <K extends OpName>(op: K, req: Request<K>) => Promise<Response<K>>;

function caller(host: HostPort, signal: AbortSignal | undefined): Call {
  return async (op, req) => {
    if (signal?.aborted) throw new BpfError('ECANCELED', 'The capture was cancelled; no file was written.');
    const r = await host.dispatch(op, req);
    if (!r.ok) throw BpfError.fromWire(r.error);
    return r.value as never;
  };
}

const keyOf = (kind: ObjectKind, id: number): string => `${kind}:${id}`;

/** Walks the tree breadth first: every entry with its parent and its place in the listing. */
async function walkTree(call: Call, w: SnapshotWriter, progress: (p: CaptureProgress) => void): Promise<DirEntry[]> {
  const all: DirEntry[] = [];
  const dirs = [''];
  for (let walked = 0; walked < dirs.length; walked++) {
    const dir = dirs[walked]!;
    progress({ phase: 'tree', done: walked, total: dirs.length, item: dir || '/' });
    const entries = await call('list', { path: dir });
    entries.forEach((e, seq) => {
      w.node(e, dir, seq);
      all.push(e);
      if (e.kind === 'dir') dirs.push(e.path);
    });
  }
  return all;
}

/** Objects a captured object refers to: a link's program, a program's maps. */
function referenced(o: CapturedObject): [ObjectKind, number][] {
  if (o.info.kind === 'link') return [['prog', o.info.progId]];
  if (o.info.kind === 'prog') return (o.xlated?.mapIds ?? o.info.mapIds).map((id) => ['map', id]);
  return [];
}

function btfIdOf(info: ObjectInfo): number {
  return info.kind === 'link' ? 0 : info.btfId;
}

export async function captureSnapshot(host: HostPort, run: CaptureRun): Promise<Uint8Array> {
  const call = caller(host, run.signal);
  const progress = run.onProgress ?? (() => {});
  const w = await SnapshotWriter.create();
  try {
    const desc = await call('describe', {});
    const status = await call('connectionStatus', {});
    const nodes = await walkTree(call, w, progress);
    const summaries = new Map<string, ObjectSummary>();
    for (const s of await call('listObjects', {})) summaries.set(keyOf(s.kind, s.id), s);

    // Pinned objects by their first pin, then what they refer to, by id.
    const captured = new Map<string, CapturedObject>();
    const fdEntries = new Map<string, CapturedEntries | Error>();
    const queue: { key: string; target: Request<'captureObject'> }[] = [];
    for (const n of nodes) {
      if (!n.object || n.noAccess) continue;
      const key = keyOf(n.object.kind, n.object.id);
      if (!queue.some((q) => q.key === key)) queue.push({ key, target: { path: n.path } });
    }
    for (let i = 0; i < queue.length; i++) {
      const { key, target } = queue[i]!;
      progress({ phase: 'objects', done: i, total: queue.length, item: 'path' in target ? target.path : key });
      if (captured.has(key)) continue;
      let o: CapturedObject;
      try {
        o = await call('captureObject', target);
      } catch (e) {
        // An object gone since the walk, or one this process may not open by id: the file lacks it, nothing more.
        if (isBpfError(e) && e.code !== 'ECANCELED') continue;
        throw e;
      }
      captured.set(key, o);
      const refs = referenced(o);
      // Programs and maps that only a prog_array or map-in-map holds: their ids are the entries' values.
      if (o.info.kind === 'map' && FD_VALUED.has(o.info.type)) {
        const e = await readEntries(call, run, target).catch((err: unknown) =>
          err instanceof Error ? err : new Error(String(err)),
        );
        fdEntries.set(key, e);
        if (!(e instanceof Error)) refs.push(...valueIds(e, o.info.type === 'prog_array' ? 'prog' : 'map'));
      }
      for (const [kind, id] of refs) {
        const k = keyOf(kind, id);
        if (!captured.has(k) && !queue.some((q) => q.key === k)) queue.push({ key: k, target: { kind, id } });
      }
    }

    const btfIds = new Set([...captured.values()].map((o) => btfIdOf(o.info)).filter((id) => id !== 0));
    for (const id of btfIds) {
      try {
        w.btf(id, await call('btfData', { id }));
      } catch (e) {
        if (!isBpfError(e) || e.code === 'ECANCELED') throw e;
      }
    }

    const wanted = mapFilter(run.maps);
    const maps = [...captured.values()].filter((o) => o.info.kind === 'map');
    let mapsRead = 0;
    for (const o of captured.values()) {
      const key = keyOf(o.info.kind, o.info.id);
      const row: ObjectRow = {
        ...o,
        pins:
          summaries.get(key)?.pins ??
          nodes.filter((n) => n.object && keyOf(n.object.kind, n.object.id) === key).map((n) => n.path),
        holders: summaries.get(key)?.holders ?? [],
      };
      if (o.info.kind === 'map') {
        const info = o.info;
        progress({ phase: 'entries', done: mapsRead++, total: maps.length, item: row.pins[0] ?? info.name });
        if (!wanted(info.name, row.pins)) row.entries = { state: 'skipped', count: 0 };
        else {
          const target = row.pins[0] !== undefined ? { path: row.pins[0] } : { kind: 'map' as const, id: info.id };
          try {
            const pre = fdEntries.get(key);
            if (pre instanceof Error) throw pre;
            const e = pre ?? (await readEntries(call, run, target));
            const perCpu = PERCPU_MAP_TYPES.has(info.type as MapTypeName);
            w.entries(info.id, e, perCpu ? info.possibleCpus : 0, info.valueSize);
            row.entries = { state: e.truncated ? 'truncated' : 'complete', count: e.count };
          } catch (err) {
            if (!isBpfError(err) || err.code === 'ECANCELED') throw err;
            row.entries = { state: 'failed', error: `${err.code}: ${err.message}`, count: 0 };
          }
        }
      }
      w.object(row);
    }

    progress({ phase: 'writing', done: 0, total: 1 });
    const now = run.now ?? Date.now;
    const via = status.via.startsWith('ssh ') ? status.via.slice(4) : undefined;
    w.meta('format_version', FORMAT_VERSION);
    w.meta('host', run.hostName ?? via ?? hostname());
    w.meta('kernel', desc.kernel ?? status.agent?.kernel ?? (desc.engine === 'emulated' ? 'emulated' : release()));
    w.meta('engine', desc.engine);
    w.meta('mount_point', desc.mountPoint);
    w.meta('possible_cpus', desc.possibleCpus);
    w.meta('mounts', JSON.stringify(status.agent?.bpffs ?? [desc.mountPoint]));
    w.meta('captured_at', now());
    w.meta('bpfscope_version', status.agent?.version ?? bpfscopeVersion());
    w.meta('maps', typeof run.maps === 'string' ? run.maps : run.maps.glob);
    if (run.maxEntries !== undefined) w.meta('max_entries', run.maxEntries);
    if (run.signal?.aborted) throw new BpfError('ECANCELED', 'The capture was cancelled; no file was written.');
    const bytes = w.finish();
    progress({ phase: 'done', done: 1, total: 1 });
    return bytes;
  } catch (e) {
    w.abandon();
    throw e;
  }
}

const FD_VALUED: ReadonlySet<string> = new Set(['prog_array', 'array_of_maps', 'hash_of_maps']);

function readEntries(call: Call, run: CaptureRun, target: Request<'captureObject'>): Promise<CapturedEntries> {
  return call('captureMapEntries', { target, ...(run.maxEntries !== undefined ? { maxEntries: run.maxEntries } : {}) });
}

/** The object ids an fd-valued map's entries hold (4 bytes, little-endian, as a lookup returns them). */
function valueIds(e: CapturedEntries, kind: ObjectKind): [ObjectKind, number][] {
  const dv = new DataView(e.values.buffer, e.values.byteOffset, e.values.byteLength);
  const out: [ObjectKind, number][] = [];
  for (let i = 0; i < e.count; i++) if (e.valueSize >= 4) out.push([kind, dv.getUint32(i * e.valueSize, true)]);
  return out;
}

function mapFilter(maps: CaptureOptions['maps']): (name: string, pins: string[]) => boolean {
  if (maps === 'all') return () => true;
  if (maps === 'none') return () => false;
  const re = globToRegExp(maps.glob);
  return (name, pins) => re.test(name) || pins.some((p) => re.test(p));
}
