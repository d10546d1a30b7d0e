// A small in-memory stand-in for main, for renderer tests while the real emulated engine is not wired yet.
// It follows the bpffs rules the tests exercise (dots EPERM, EEXIST, ENOTEMPTY, ENOENT) and emits events.
// Prefer test/support/in-process-api.ts (the real emulated engine) once it runs; see tests' makeApi().
import { bpffsNameProblem, checkPath, joinPath, objectNameProblem, parentOf, splitPath } from '../../shared/bpf/paths.js';
import type { ApiClient, AppEvent, InspectResult, Request } from '../../shared/contract.js';
import type { DirEntry, HandleInfo, MapInfo, ObjectRef } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

interface FakeObject { ref: ObjectRef; keySize: number; valueSize: number; maxEntries: number; entries: [string, string][] }
interface FakeNode { kind: 'dir' | 'map' | 'prog'; objectId?: number }

export interface FakeApi extends ApiClient {
  /** Adds `count` folders named d0..d{count-1} under `dir` without events (for big-tree tests). */
  seedFolders(dir: string, count: number): void;
  /** Pretends another process changed the tree. */
  emit(event: AppEvent): void;
  /** Makes the next call of `op` fail with this error. */
  failNext(op: string, err: BpfError): void;
  /** Puts raw entries (hex key, hex value) into the map with this id. */
  setEntries(id: number, entries: [string, string][]): void;
  calls: string[];
}

export function createFakeApi(): FakeApi {
  const nodes = new Map<string, FakeNode>([['', { kind: 'dir' }]]);
  const objects = new Map<number, FakeObject>();
  const handles = new Map<number, HandleInfo>();
  const listeners = new Set<(e: AppEvent) => void>();
  const failures = new Map<string, BpfError>();
  let nextId = 10;
  let nextHandle = 1;
  const emit = (e: AppEvent): void => listeners.forEach((l) => l(e));

  const nameCheck = (path: string): void => {
    checkPath(path);
    for (const part of splitPath(path)) {
      const p = bpffsNameProblem(part);
      if (p) throw new BpfError(p.code, p.message, { path });
    }
  };
  const need = (path: string): FakeNode => {
    nameCheck(path);
    const n = nodes.get(path);
    if (!n) throw new BpfError('ENOENT', `"${path}" does not exist.`, { path });
    return n;
  };
  const creatable = (path: string): void => {
    nameCheck(path);
    if (need(parentOf(path)).kind !== 'dir') throw new BpfError('ENOTDIR', 'The parent is not a folder.', { path });
    if (nodes.has(path)) throw new BpfError('EEXIST', `"${path}" already exists.`, { path });
  };
  const childrenOf = (dir: string): string[] => [...nodes.keys()].filter((p) => p !== '' && parentOf(p) === dir);
  const pinsOf = (id: number): string[] => [...nodes.entries()].filter(([, n]) => n.objectId === id).map(([p]) => p);
  const entryOf = (path: string): DirEntry => {
    const n = need(path);
    const o = n.objectId !== undefined ? objects.get(n.objectId) : undefined;
    const e: DirEntry = {
      name: path.slice(path.lastIndexOf('/') + 1), path, kind: n.kind, mode: n.kind === 'dir' ? 0o755 : 0o600,
      uid: 0, gid: 0, nlink: o ? pinsOf(o.ref.id).length : 2,
    };
    if (o) e.object = { ...o.ref };
    return e;
  };
  const mapInfo = (o: FakeObject): MapInfo => ({
    kind: 'map', id: o.ref.id, type: o.ref.type, typeId: 1, name: o.ref.name, keySize: o.keySize, valueSize: o.valueSize,
    maxEntries: o.maxEntries, flags: 0, flagNames: [], frozen: false, btfId: 0, btfKeyTypeId: 0, btfValueTypeId: 0,
    ifindex: 0, mapExtra: 0, possibleCpus: 2,
  });
  const newHandle = (o: FakeObject, origin: HandleInfo['origin'], access: HandleInfo['access'] = 'rw', path?: string): HandleInfo => {
    const h: HandleInfo = { handle: nextHandle++, ...o.ref, access, origin };
    if (path !== undefined) h.path = path;
    handles.set(h.handle, h);
    emit({ type: 'handles-changed' });
    return h;
  };
  const handleOf = (handle: number): HandleInfo => {
    const h = handles.get(handle);
    if (!h) throw new BpfError('EBADF', `Handle ${handle} is not open.`);
    return h;
  };
  const treeChanged = (...paths: string[]): void => emit({ type: 'tree-changed', dirs: [...new Set(paths.map(parentOf))] });

  const ops = {
    describe: async () => ({ engine: 'emulated' as const, mountPoint: '/sys/fs/bpf (fake)', possibleCpus: 2 }),
    list: async ({ path }: Request<'list'>) => {
      if (need(path).kind !== 'dir') throw new BpfError('ENOTDIR', 'Not a folder.', { path });
      return childrenOf(path).map(entryOf);
    },
    stat: async ({ path }: Request<'stat'>) => entryOf(path),
    mkdir: async ({ path }: Request<'mkdir'>) => {
      creatable(path);
      nodes.set(path, { kind: 'dir' });
      treeChanged(path);
      return null;
    },
    rmdir: async ({ path }: Request<'rmdir'>) => {
      if (need(path).kind !== 'dir') throw new BpfError('ENOTDIR', 'Not a folder.', { path });
      if (childrenOf(path).length > 0) throw new BpfError('ENOTEMPTY', `"${path}" is not empty.`, { path });
      nodes.delete(path);
      treeChanged(path);
      return null;
    },
    rename: async ({ from, to, noreplace }: Request<'rename'>) => {
      const n = need(from);
      nameCheck(to);
      if (nodes.has(to) && noreplace) throw new BpfError('EEXIST', `"${to}" already exists.`, { path: to });
      for (const p of [...nodes.keys()]) {
        if (p === from || p.startsWith(`${from}/`)) {
          const moved = nodes.get(p)!;
          nodes.delete(p);
          nodes.set(to + p.slice(from.length), moved);
        }
      }
      nodes.set(to, n);
      treeChanged(from, to);
      return null;
    },
    link: async ({ from, to }: Request<'link'>) => {
      const n = need(from);
      if (n.kind === 'dir') throw new BpfError('EPERM', 'Folders cannot be hard-linked.', { path: from });
      creatable(to);
      nodes.set(to, { ...n });
      treeChanged(to);
      return null;
    },
    unlink: async ({ path }: Request<'unlink'>) => {
      if (need(path).kind === 'dir') throw new BpfError('EISDIR', `"${path}" is a folder.`, { path });
      nodes.delete(path);
      treeChanged(path);
      return null;
    },
    createMap: async (spec: Request<'createMap'>) => {
      const bad = objectNameProblem(spec.name);
      if (bad) throw new BpfError('EINVAL', bad);
      if (spec.type === 'array' && spec.keySize !== 4) throw new BpfError('EINVAL', 'Array keys are 4 bytes.');
      const o: FakeObject = { ref: { kind: 'map', id: nextId++, type: spec.type, name: spec.name }, keySize: spec.keySize,
        valueSize: spec.valueSize, maxEntries: spec.maxEntries, entries: [] };
      objects.set(o.ref.id, o);
      return newHandle(o, 'create');
    },
    loadProgram: async (spec: Request<'loadProgram'>) => {
      const o: FakeObject = { ref: { kind: 'prog', id: nextId++, type: spec.type, name: spec.name }, keySize: 0, valueSize: 0, maxEntries: 0, entries: [] };
      objects.set(o.ref.id, o);
      return newHandle(o, 'load');
    },
    pin: async ({ handle, path }: Request<'pin'>) => {
      const h = handleOf(handle);
      creatable(path);
      nodes.set(path, { kind: h.kind === 'prog' ? 'prog' : 'map', objectId: h.id });
      treeChanged(path);
      return null;
    },
    get: async ({ path, access }: Request<'get'>) => {
      const n = need(path);
      if (n.objectId === undefined) throw new BpfError('EACCES', 'A folder cannot be opened.', { path });
      return newHandle(objects.get(n.objectId)!, 'get', access, path);
    },
    close: async ({ handle }: Request<'close'>) => {
      handleOf(handle);
      handles.delete(handle);
      emit({ type: 'handle-closed', handle });
      emit({ type: 'handles-changed' });
      return null;
    },
    handles: async () => [...handles.values()],
    inspectPath: async ({ path }: Request<'inspectPath'>): Promise<InspectResult> => {
      const entry = entryOf(path);
      const o = entry.object ? objects.get(entry.object.id) : undefined;
      if (!o) return { entry, pins: [], handles: [] };
      const result: InspectResult = {
        entry, pins: pinsOf(o.ref.id), handles: [...handles.values()].filter((h) => h.id === o.ref.id).map((h) => h.handle),
      };
      if (o.ref.kind === 'map') {
        result.info = mapInfo(o);
        result.dump = { entries: o.entries.map(([key, value]) => ({ key, value })), truncated: false };
      }
      return result;
    },
    unlinkImpact: async ({ path }: Request<'unlinkImpact'>) => {
      const entry = entryOf(path);
      const id = entry.object?.id;
      const otherPins = id === undefined ? [] : pinsOf(id).filter((p) => p !== path);
      const held = [...handles.values()].filter((h) => h.id === id).map((h) => h.handle);
      return { entry, otherPins, handles: held, freesObject: id !== undefined && otherPins.length === 0 && held.length === 0 };
    },
  };

  const api: Record<string, unknown> = {};
  const calls: string[] = [];
  for (const [op, fn] of Object.entries(ops)) {
    api[op] = async (req: unknown) => {
      calls.push(op);
      const failure = failures.get(op);
      if (failure) {
        failures.delete(op);
        throw failure;
      }
      return (fn as (r: unknown) => Promise<unknown>)(req);
    };
  }
  return Object.assign(api as unknown as ApiClient, {
    onEvent: (l: (e: AppEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    seedFolders: (dir: string, count: number) => {
      for (let i = 0; i < count; i++) nodes.set(joinPath(dir, `d${i}`), { kind: 'dir' as const });
    },
    emit,
    failNext: (op: string, err: BpfError) => failures.set(op, err),
    calls,
    setEntries: (id: number, entries: [string, string][]) => {
      const o = objects.get(id);
      if (o) o.entries = entries;
    },
  });
}
