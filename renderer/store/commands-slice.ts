// The user's intents on the mount and on handles, one action each: each issues the calls it needs and nothing
// more. The engine's events refresh the tree and the handle list, so no action re-reads them after a change;
// an action only opens the folder where its result appears.
import { parentOf } from '../../shared/bpf/paths.js';
import type {
  ApiClient,
  LinkDetails,
  ProgDetails,
  RemoveTreeResult,
  Request,
  UnlinkImpact,
} from '../../shared/contract.js';
import type { LoadObjectResult } from '../../shared/elf/load-result.js';
import type { Access, HandleInfo } from '../../shared/engine.js';

import type { GetState } from './types.js';

export interface CommandsSlice {
  mkdir(path: string, mode: number): Promise<void>;
  /** rename(2) of a node; the selection follows it. */
  rename(from: string, to: string, noreplace: boolean): Promise<void>;
  /** A second pin (hard link) of the object at `from`. */
  link(from: string, to: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  /** What removing a folder with its contents would remove and free (a dry run). */
  planRemoveTree(path: string): Promise<RemoveTreeResult>;
  /** Removes a folder and everything inside; a refusal midway comes back in the result's `error`. */
  removeTree(path: string): Promise<RemoveTreeResult>;
  unlinkImpact(path: string): Promise<UnlinkImpact>;
  /** BPF_OBJ_GET: the pinned object as a new handle of the user's. */
  getObject(path: string, access: Access): Promise<HandleInfo>;
  closeHandle(handle: number): Promise<void>;
  pinHandle(handle: number, path: string): Promise<void>;
  createMap(spec: Request<'createMap'>): Promise<HandleInfo>;
  createProgram(spec: Request<'loadProgram'>): Promise<HandleInfo>;
  /** Loads and pins every program and map of an ELF object under `folder`. */
  loadObject(folder: string, fileName: string, data: Uint8Array): Promise<LoadObjectResult>;
  /** By pin path, or by id (a prog_array slot's program). */
  progDetails(target: string | { id: number }): Promise<ProgDetails>;
  linkDetails(path: string): Promise<LinkDetails>;
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

export function createCommandsSlice(api: ApiClient, get: GetState): CommandsSlice {
  const leaveSelection = async (removed: string): Promise<void> => {
    const selected = get().selected;
    if (selected !== null && within(selected, removed)) await get().select(null);
  };
  return {
    mkdir: async (path, mode) => {
      await api.mkdir({ path, mode });
      await get().expand(parentOf(path));
    },
    rename: async (from, to, noreplace) => {
      await api.rename({ from, to, noreplace });
      if (get().selected === from) await get().select(to);
    },
    link: async (from, to) => {
      await api.link({ from, to });
    },
    rmdir: async (path) => {
      await api.rmdir({ path });
      await leaveSelection(path);
    },
    planRemoveTree: (path) => api.removeTree({ path, dryRun: true }),
    removeTree: async (path) => {
      const r = await api.removeTree({ path, dryRun: false });
      await leaveSelection(path);
      return r;
    },
    unlinkImpact: (path) => api.unlinkImpact({ path }),
    getObject: async (path, access) => {
      const h = await api.get({ path, access });
      get().notifyInfo(`Opened ${h.kind} ${h.type} id ${h.id} as handle ${h.handle} (${access}).`);
      return h;
    },
    closeHandle: async (handle) => {
      await api.close({ handle });
    },
    pinHandle: async (handle, path) => {
      await api.pin({ handle, path });
      await get().expand(parentOf(path));
    },
    createMap: (spec) => api.createMap(spec),
    createProgram: (spec) => api.loadProgram(spec),
    loadObject: async (folder, fileName, data) => {
      const r = await api.loadObject({ folder, fileName, data });
      await get().expand(folder);
      return r;
    },
    progDetails: (target) => api.progDetails(typeof target === 'string' ? { path: target } : target),
    linkDetails: (path) => api.linkDetails({ path }),
  };
}
