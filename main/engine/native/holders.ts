// Which processes hold fds on which bpf objects: /proc/*/fd links "anon_inode:bpf-map" (and -prog, _link),
// with the object's id from /proc/PID/fdinfo/FD. Unreadable pids are skipped. The scan reads every fd of every
// process, so one object's details use a scan at most a few seconds old (HolderCache).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

import type { ObjectHolder, ObjectKind } from '../../../shared/engine.js';

const KIND_OF_LINK: Record<string, ObjectKind> = {
  'anon_inode:bpf-map': 'map',
  'anon_inode:bpf-prog': 'prog',
  'anon_inode:bpf_link': 'link',
  'anon_inode:bpf-link': 'link',
};
const ID_FIELD: Record<ObjectKind, RegExp> = {
  map: /^map_id:\s*(\d+)/m,
  prog: /^prog_id:\s*(\d+)/m,
  link: /^link_id:\s*(\d+)/m,
};

const readDir = (path: string): string[] => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};

/** Holders by "kind:id". `selfPid` is left out: bpfscope's own fds are its handles. */
export function scanHolders(selfPid = process.pid, procRoot = '/proc'): Map<string, ObjectHolder[]> {
  const out = new Map<string, ObjectHolder[]>();
  for (const pidText of readDir(procRoot)) {
    if (!/^\d+$/.test(pidText)) continue;
    const pid = Number(pidText);
    if (pid === selfPid) continue;
    const byKey = new Map<string, number[]>();
    for (const fdText of readDir(`${procRoot}/${pidText}/fd`)) {
      let kind: ObjectKind | undefined;
      try {
        kind = KIND_OF_LINK[readlinkSync(`${procRoot}/${pidText}/fd/${fdText}`)];
      } catch {
        continue;
      }
      if (!kind) continue;
      let id: number;
      try {
        const m = ID_FIELD[kind].exec(readFileSync(`${procRoot}/${pidText}/fdinfo/${fdText}`, 'utf8'));
        if (!m) continue;
        id = Number(m[1]);
      } catch {
        continue;
      }
      const key = `${kind}:${id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), Number(fdText)]);
    }
    if (byKey.size === 0) continue;
    let comm = '';
    try {
      comm = readFileSync(`${procRoot}/${pidText}/comm`, 'utf8').trim();
    } catch {
      // the process exited meanwhile: keep it without a name
    }
    for (const [key, fds] of byKey) out.set(key, [...(out.get(key) ?? []), { pid, comm, fds }]);
  }
  return out;
}

/** How old a holder scan may be when one object's summary uses it (ms). */
export const HOLDERS_MAX_AGE_MS = 3000;

/** The last /proc scan, taken again when older than `maxAgeMs` or when asked to be fresh. */
export class HolderCache {
  private value: Map<string, ObjectHolder[]> | undefined;
  private takenAt = 0;
  /** Scans taken so far (for tests and diagnostics). */
  scans = 0;

  constructor(
    private readonly maxAgeMs = HOLDERS_MAX_AGE_MS,
    private readonly scan: () => Map<string, ObjectHolder[]> = () => scanHolders(),
  ) {}

  get(fresh = false): Map<string, ObjectHolder[]> {
    const now = performance.now();
    if (fresh || this.value === undefined || now - this.takenAt > this.maxAgeMs) {
      this.value = this.scan();
      this.takenAt = now;
      this.scans++;
    }
    return this.value;
  }
}
