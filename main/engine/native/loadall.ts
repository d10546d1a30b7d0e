// `bpftool prog loadall OBJ DIR pinmaps DIR` on the native engine, with libbpf in a child process (see
// loader-child.ts): a libbpf crash or hang costs that child only. The child pins into the folder through the
// folder's fd, which is also libbpf's pin root, so LIBBPF_PIN_BY_NAME maps pin (or are reused) there too. The
// engine then reads ids and types from the pins. A failed load removes every pin it made, by-name ones included:
// every name the child may pin is announced before pinning starts, and those that did not exist then are removed.
import { closeSync, constants, lstatSync, openSync, unlinkSync } from 'node:fs';

import { joinPath } from '../../../shared/bpf/paths.js';
import type { LoadObjectResult } from '../../../shared/elf/load-result.js';
import { objectNameOf, pinNameProblem } from '../../../shared/elf/load-result.js';
import { BpfError } from '../../../shared/errors.js';

import type { MountPaths } from './confine.js';
import { wrap } from './errno.js';
import { loadFailureError } from './loader-errors.js';
import { runLoaderChild } from './loader-spawn.js';
import { identifyPin } from './tree.js';

/** How long one object may take to open, verify and pin before its loader is killed. */
export const LOAD_TIMEOUT_MS = 120_000;

/** One load at a time per folder: a failed load removes only names no other load of ours can be pinning there. */
const queues = new Map<string, Promise<unknown>>();

export interface LoaderOptions {
  timeoutMs?: number;
  /** Another loader child script (tests). */
  entry?: string;
}

export async function loadObjectNative(
  paths: MountPaths,
  folder: string,
  fileName: string,
  data: Uint8Array,
  opts: LoaderOptions = {},
): Promise<LoadObjectResult> {
  const key = paths.target(folder, 'Load object');
  const run = (queues.get(key) ?? Promise.resolve()).then(() => loadSerialized(paths, folder, fileName, data, opts));
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

async function loadSerialized(
  paths: MountPaths,
  folder: string,
  fileName: string,
  data: Uint8Array,
  opts: LoaderOptions,
): Promise<LoadObjectResult> {
  const dirAbs = paths.target(folder, 'Load object');
  const st = wrap('Load object', folder, () => lstatSync(dirAbs));
  if (!st.isDirectory())
    throw new BpfError('ENOTDIR', `"${folder}" is not a folder; drop the object on a folder.`, { path: folder });
  const flags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
  const dirFd = wrap('Load object', folder, () => openSync(dirAbs, flags));
  // Names relative to the folder's fd: a folder swapped meanwhile cannot redirect a pin, a removal or a read.
  const inFolder = (name: string): string => `/proc/self/fd/${dirFd}/${name}`;
  const existed = new Set<string>();
  let candidates: string[] = [];
  try {
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
        for (const name of names) if (exists(inFolder(name))) existed.add(name);
      },
    });
    if (outcome.type === 'done') {
      const at = (pin: string) => {
        const ref = identifyPin(inFolder(pin));
        return { path: joinPath(folder, pin), id: ref?.id ?? 0, type: ref?.type ?? 'unknown' };
      };
      return {
        programs: outcome.programs.map((p) => ({ name: p.name, section: p.section, ...at(p.pin) })),
        maps: outcome.maps.map((m) => ({ name: m.name, ...at(m.pin) })),
      };
    }
    for (const name of candidates) if (!existed.has(name)) removePin(inFolder(name));
    throw loadFailureError(outcome, fileName, folder, dirAbs);
  } finally {
    closeSync(dirFd);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes a pin the failed load made; folders and symlinks are never ours. */
function removePin(path: string): void {
  try {
    if (lstatSync(path).isFile()) unlinkSync(path);
  } catch {
    /* not there: nothing to undo */
  }
}
