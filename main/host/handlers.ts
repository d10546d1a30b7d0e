// The one handler table: every contract operation mapped onto the engine. createHost wraps it in dispatch().
import { bytesToHex } from '../../shared/bpf/hex.js';
import { checkPath } from '../../shared/bpf/paths.js';
import { KEEP_ID } from '../../shared/bpf/permissions.js';
import type { BpfscopeApi, ConnectionStatus } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { mapViewHandlers, refreshViewsAfterEdits } from '../mapview/handlers.js';
import type { MapViewManager } from '../mapview/manager.js';
import { readHostAccounts } from './accounts.js';
import { captureMapEntries, captureObject, type ObjectTarget } from './capture-reads.js';
import { decodeHex, decodeKey, decodeValue, encodeDump } from './codec.js';
import { guardHolding, hideHolding } from './holding.js';
import { inspectPath, unlinkImpact } from './inspect.js';
import { loadObject } from './load-object.js';
import { mapEditHandlers } from './map-edits.js';
import { listMounts, openMount } from './mounts.js';
import { pinHealth } from './pin-health.js';
import { linkDetails, progDetails } from './prog-details.js';
import { removeTree } from './remove-tree.js';
import type { UndoRegistry } from './undo.js';

export type HandlerTable = BpfscopeApi;

const done = (): null => null;

/** The parts of a host the handlers share with it (see create-host.ts, the one place that builds them). */
export interface HandlerDeps {
  views: MapViewManager;
  undo: UndoRegistry;
}

const checkTarget = (t: ObjectTarget): ObjectTarget => ('path' in t ? { path: checkPath(t.path) } : t);

export function createHandlers(whole: PinStore, { views, undo }: HandlerDeps): HandlerTable {
  const p = checkPath;
  // Undo owns the holding folder (and finds what an earlier process held there); every other handler sees the
  // mount without it.
  const engine = hideHolding(whole);
  const viewOps = mapViewHandlers(views);
  // The engine lives in this process: always there, nothing to reconnect.
  const inProcess: ConnectionStatus = { state: 'in-process', via: 'in-process', since: Date.now() };
  // Views refresh right after element edits
  return refreshViewsAfterEdits(whole, views, {
    // Map view sessions
    ...viewOps,
    mapViewOpen: async (req) => viewOps.mapViewOpen('path' in req ? { ...req, path: guardHolding(req.path) } : req),
    describe: async () => engine.describe(),
    list: async ({ path }) => engine.list(p(path)),
    stat: async ({ path }) => engine.stat(p(path)),
    mkdir: async ({ path, mode }) => engine.mkdir(p(path), mode).then(done),
    rmdir: async ({ path }) => engine.rmdir(p(path)).then(done),
    rename: async ({ from, to, noreplace, exchange }) =>
      engine.rename(p(from), p(to), { noreplace: noreplace ?? false, exchange: exchange ?? false }).then(done),
    link: async ({ from, to }) => engine.link(p(from), p(to)).then(done),
    symlink: async ({ target, path }) => engine.symlink(target, p(path)).then(done),
    unlink: async ({ path }) => engine.unlink(p(path)).then(done),
    chmod: async ({ path, mode }) => engine.chmod(p(path), mode).then(done),
    chown: async ({ path, uid, gid }) => engine.chown(p(path), uid ?? KEEP_ID, gid ?? KEEP_ID).then(done),
    createMap: async (req) => engine.createMap(req),
    loadProgram: async ({ insns, ...rest }) =>
      engine.loadProgram({ ...rest, insns: decodeHex(insns, 'instruction list') }),
    pin: async ({ handle, path }) => engine.pin(handle, p(path)).then(done),
    get: async ({ path, access }) => engine.get(p(path), access),
    close: async ({ handle }) => {
      // Internal handles (views, Undo windows) are bpfscope's own: a client may only close what it can list.
      if (!engine.handles().some((h) => h.handle === handle)) {
        throw new BpfError('EBADF', `Handle ${handle} is not open.`, {
          hint: 'It was closed already; refresh the Handles pane.',
        });
      }
      return engine.close(handle).then(done);
    },
    handles: async () => engine.handles(),
    objectInfo: async ({ handle }) => engine.objectInfo(handle),
    pathInfo: async ({ path }) => engine.pathInfo(p(path)),
    listObjects: async () => engine.listObjects(),
    mapLookup: async ({ handle, key }) => bytesToHex(await engine.mapLookup(handle, decodeKey(key))),
    mapUpdate: async ({ handle, key, value, flag }) =>
      engine.mapUpdate(handle, decodeKey(key), decodeValue(value), flag).then(done),
    mapDelete: async ({ handle, key }) => engine.mapDelete(handle, decodeHex(key, 'key')).then(done),
    mapNextKey: async ({ handle, key }) => bytesToHex(await engine.mapNextKey(handle, decodeKey(key))),
    mapLookupAndDelete: async ({ handle, key }) => bytesToHex(await engine.mapLookupAndDelete(handle, decodeKey(key))),
    mapDump: async ({ handle, limit }) => encodeDump(await engine.mapDump(handle, limit)),
    mapFreeze: async ({ handle }) => engine.mapFreeze(handle).then(done),
    inspectPath: async ({ path, limit }) => inspectPath(engine, p(path), limit ?? 100),
    unlinkImpact: async ({ path }) => unlinkImpact(engine, p(path)),
    ...mapEditHandlers(engine, views, p),
    // Pin workflows
    getById: async ({ kind, id, access }) => engine.getById(kind, id, access),
    unlinkWithUndo: async ({ path }) => undo.unlinkWithUndo(p(path)),
    undoUnlink: async ({ undoToken }) => undo.undoUnlink(undoToken),
    listHeld: async () => undo.listHeld(),
    removeTree: async ({ path, dryRun }) => removeTree(engine, p(path), dryRun),
    // Load an ELF object
    loadObject: async (req) => loadObject(engine, req),
    // Program details
    progDetails: async (req) => progDetails(engine, 'path' in req ? { path: p(req.path) } : req),
    statsEnable: async () => ({ token: await engine.enableStats() }),
    statsDisable: async ({ token }) => engine.disableStats(token).then(done),
    linkDetails: async ({ path }) => linkDetails(engine, p(path)),
    // Permissions
    hostAccounts: async () => readHostAccounts(),
    pinHealth: async ({ path, object }) => pinHealth(engine, p(path), object),
    mounts: async () => listMounts(whole),
    openMount: async ({ id }) => openMount(whole, undo, id),
    // Snapshot capture
    captureObject: async (target) => captureObject(engine, checkTarget(target)),
    captureMapEntries: async ({ target, maxEntries }) => captureMapEntries(engine, checkTarget(target), maxEntries),
    btfData: async ({ id }) => engine.btfData(id),
    // The connection to the engine's host
    connectionStatus: async () => inProcess,
    reconnect: async () => inProcess,
    // Elevation is the UI process's business: an engine in this process has no agent to restart as root.
    elevation: async () => ({ needed: false, current: engine.describe().engine, ways: [], user: '' }),
    elevate: async () => {
      throw new BpfError('EOPNOTSUPP', 'This engine runs in the same process as the window and cannot be elevated.', {
        hint: 'Start bpfscope with --engine native to run the engine in an agent that can be started as root.',
      });
    },
  });
}
