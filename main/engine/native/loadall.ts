// `bpftool prog loadall OBJ DIR pinmaps DIR` on the native engine, with libbpf in a child process (see
// loader-child.ts): a libbpf crash or hang costs that child only. The child pins into the folder through the
// folder's fd, which is also libbpf's pin root, so LIBBPF_PIN_BY_NAME maps pin (or are reused) there too. The
// engine then reads ids and types from the pins. A failed load removes every pin it made, by-name ones included:
// every name the child may pin is announced before pinning starts, and those that did not exist then are removed.
import { closeSync, fstatSync, readlinkSync } from 'node:fs';

import { joinPath } from '../../../shared/bpf/paths.js';
import type { LoadObjectResult } from '../../../shared/elf/load-result.js';
import { objectNameOf, pinNameProblem } from '../../../shared/elf/load-result.js';
import type { ObjectRef } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

import type { MountPaths } from './confine.js';
import { wrap } from './errno.js';
import { loadFailureError } from './loader-errors.js';
import { runLoaderChild } from './loader-spawn.js';
import { openat, unlinkat } from './sys.js';
import { identifyPin, openChild, procFd } from './tree.js';
import { O_CLOEXEC, O_DIRECTORY, O_PATH } from './walk.js';

/** How long one object may take to open, verify and pin before its loader is killed. */
export const LOAD_TIMEOUT_MS = 120_000;

/** One load at a time per folder: a failed load removes only names no other load of ours can be pinning there. */
const queues = new Map<string, Promise<unknown>>();

export interface LoaderOptions {
  timeoutMs?: number;
  /** Another loader child script (tests). */
  entry?: string;
}

/** The folder's identity (device and inode) and an O_PATH fd of it, resolved beneath the mount root. */
function openFolder(paths: MountPaths, folder: string): { key: string; fd: number } {
  return wrap('Load object', folder, () =>
    paths.atEntry(folder, 'Load object', true, (fd) => {
      const st = fstatSync(fd);
      if (!st.isDirectory())
        throw new BpfError('ENOTDIR', `"${folder}" is not a folder; drop the object on a folder.`, { path: folder });
      return { key: `${st.dev}:${st.ino}`, fd: openat(fd, '.', O_PATH | O_DIRECTORY | O_CLOEXEC) };
    }),
  );
}

export async function loadObjectNative(
  paths: MountPaths,
  folder: string,
  fileName: string,
  data: Uint8Array,
  opts: LoaderOptions = {},
): Promise<LoadObjectResult> {
  const { key, fd } = openFolder(paths, folder);
  const run = (queues.get(key) ?? Promise.resolve()).then(() => loadInto(fd, folder, fileName, data, opts));
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    closeSync(fd);
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

async function loadInto(
  dirFd: number,
  folder: string,
  fileName: string,
  data: Uint8Array,
  opts: LoaderOptions,
): Promise<LoadObjectResult> {
  // Every name is looked up in the folder's fd: a folder swapped meanwhile cannot redirect a pin, a removal or a read.
  const existed = new Set<string>();
  let candidates: string[] = [];
  const outcome = await runLoaderChild({
    data,
    objectName: objectNameOf(fileName),
    dirFd,
    timeoutMs: opts.timeoutMs ?? LOAD_TIMEOUT_MS,
    ...(opts.entry !== undefined ? { entry: opts.entry } : {}),
    onPlan: (names) => {
      const path = names.find((name) => pinNameProblem(name) !== undefined);
      if (path !== undefined) throw new Error(`the loader named a pin "${path}", which is not a name in the folder`);
      candidates = names;
      for (const name of names) if (exists(dirFd, name)) existed.add(name);
    },
  });
  if (outcome.type === 'done') {
    const at = (pin: string) => {
      const ref = pinnedAt(dirFd, pin);
      return { path: joinPath(folder, pin), id: ref?.id ?? 0, type: ref?.type ?? 'unknown' };
    };
    return {
      programs: outcome.programs.map((p) => ({ name: p.name, section: p.section, ...at(p.pin) })),
      maps: outcome.maps.map((m) => ({ name: m.name, ...at(m.pin) })),
    };
  }
  for (const name of candidates) if (!existed.has(name)) removePin(dirFd, name);
  throw loadFailureError(outcome, fileName, folder, readlinkSync(procFd(dirFd)));
}

function exists(dirFd: number, name: string): boolean {
  try {
    closeSync(openChild(dirFd, name));
    return true;
  } catch {
    return false;
  }
}

/** The object pinned at `name` in the folder. */
function pinnedAt(dirFd: number, name: string): ObjectRef | undefined {
  let fd: number;
  try {
    fd = openChild(dirFd, name);
  } catch {
    return undefined;
  }
  try {
    return identifyPin(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes a pin the failed load made; folders and symlinks are never ours. */
function removePin(dirFd: number, name: string): void {
  try {
    const fd = openChild(dirFd, name);
    const isPin = (() => {
      try {
        return fstatSync(fd).isFile();
      } finally {
        closeSync(fd);
      }
    })();
    if (isPin) unlinkat(dirFd, name, 0);
  } catch {
    /* not there: nothing to undo */
  }
}
