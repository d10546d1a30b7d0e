// The holding folder: unlinked pins wait there through their Undo window, inside the same mount, so they outlive
// bpfscope. Users never see it: hideHolding() is the engine every user-facing handler reads and changes through.
import { joinPath } from '../../shared/bpf/paths.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

/** At the mount root; dot-free because bpffs refuses names with a dot. */
export const HOLDING_DIR = 'bpfscope_undo';

/** `<expiry ms>_<n>`: one folder per held pin, below it the pin's original path. */
const TOKEN = /^(\d{1,15})_(\d{1,9})$/;

export const holdFolder = (token: string): string => joinPath(HOLDING_DIR, token);

export function tokenFor(expiresAt: number, n: number): string {
  return `${expiresAt}_${n}`;
}

/** The expiry a holding token encodes, or undefined when the name is not one of bpfscope's. */
export function expiryOf(token: string): number | undefined {
  const m = TOKEN.exec(token);
  return m ? Number(m[1]) : undefined;
}

export function inHolding(path: string): boolean {
  const top = path.replace(/^\/+/, '').split('/')[0];
  return top === HOLDING_DIR;
}

/** `path`, or EPERM when it names the holding folder or something in it. */
export function guardHolding(path: string): string {
  if (inHolding(path)) {
    throw new BpfError('EPERM', `"${HOLDING_DIR}" is reserved: bpfscope keeps unlinked pins there until Undo ends.`, {
      path,
      hint: 'Choose another name; pins held for Undo come back with the Undo button.',
    });
  }
  return path;
}

/** The engine as users see it: no holding folder in listings or pin lists, and no path into it. */
export function hideHolding(engine: PinStore): PinStore {
  const g = guardHolding;
  const view: Partial<PinStore> = {
    list: async (path) => (await engine.list(g(path))).filter((e) => !inHolding(e.path)),
    listObjects: async () =>
      (await engine.listObjects()).map((o) => ({ ...o, pins: o.pins.filter((p) => !inHolding(p)) })),
    objectSummary: async (kind, id) => {
      const o = await engine.objectSummary(kind, id);
      return o && { ...o, pins: o.pins.filter((p) => !inHolding(p)) };
    },
    stat: (path) => engine.stat(g(path)),
    mkdir: (path, mode) => engine.mkdir(g(path), mode),
    rmdir: (path) => engine.rmdir(g(path)),
    rename: (from, to, opts) => engine.rename(g(from), g(to), opts),
    link: (from, to) => engine.link(g(from), g(to)),
    symlink: (target, path) => engine.symlink(target, g(path)),
    unlink: (path) => engine.unlink(g(path)),
    chmod: (path, mode) => engine.chmod(g(path), mode),
    chown: (path, uid, gid) => engine.chown(g(path), uid, gid),
    pin: (handle, path) => engine.pin(handle, g(path)),
    get: (path, access, opts) => engine.get(g(path), access, opts),
    pathInfo: (path) => engine.pathInfo(g(path)),
    loadObject: (folder, fileName, data) => engine.loadObject(g(folder), fileName, data),
  };
  return new Proxy(engine, {
    get(target, prop) {
      if (Object.hasOwn(view, prop)) return view[prop as keyof PinStore];
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
