// Finds every bpffs mount of the host: /proc/*/ns/mnt groups processes by mount namespace, and one
// mountinfo per namespace names its bpf mounts. A superblock mounted in several namespaces is listed once.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

import { formatMountOptions, parseMountOptions } from '../../../shared/bpf/mount-options.js';
import type { BpffsMount, MountProcess } from '../../../shared/mounts.js';

import { parseMountInfo } from './mount.js';

/** How many processes a mount lists by name; the rest are counted. */
export const PROCESS_CAP = 12;

const nsInode = (link: string): number => Number(/\[(\d+)\]/.exec(link)?.[1] ?? Number.NaN);

function readOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

interface Namespace {
  inode: number;
  pids: number[];
}

/** Processes by mount namespace; processes that cannot be inspected (gone, or not ours to see) are left out. */
function namespaces(): Map<number, Namespace> {
  const out = new Map<number, Namespace>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let inode: number;
    try {
      inode = nsInode(readlinkSync(`/proc/${name}/ns/mnt`));
    } catch {
      continue;
    }
    const ns = out.get(inode) ?? { inode, pids: [] };
    ns.pids.push(Number(name));
    out.set(inode, ns);
  }
  return out;
}

/** Every bpffs mount in every mount namespace this process may inspect; `current` marks the device shown. */
export function scanBpffsMounts(current?: string): BpffsMount[] {
  const own = nsInode(readlinkSync('/proc/self/ns/mnt'));
  const all = [...namespaces().values()].sort((a, b) =>
    a.inode === own ? -1 : b.inode === own ? 1 : a.inode - b.inode,
  );
  const byDevice = new Map<string, BpffsMount>();
  const seenIn = new Map<string, Set<number>>();
  for (const ns of all) {
    const isOwn = ns.inode === own;
    // A process's mountinfo is relative to its root; the first readable one speaks for the namespace.
    const pid = isOwn ? process.pid : ns.pids.find((p) => readOr(`/proc/${p}/mountinfo`) !== undefined);
    const text = pid === undefined ? undefined : readOr(`/proc/${pid}/mountinfo`);
    if (pid === undefined || text === undefined) continue;
    const procs = (): MountProcess[] =>
      ns.pids.slice(0, PROCESS_CAP).map((p) => ({ pid: p, comm: (readOr(`/proc/${p}/comm`) ?? '?').trim() }));
    for (const m of parseMountInfo(text)) {
      if (m.fsType !== 'bpf') continue;
      const known = byDevice.get(m.device);
      const seen = seenIn.get(m.device) ?? new Set<number>();
      seenIn.set(m.device, seen);
      if (known) {
        // The same bpffs instance seen from another namespace: its processes see it too.
        if (!seen.has(ns.inode)) mergeProcesses(known, ns, procs);
        seen.add(ns.inode);
        continue;
      }
      seen.add(ns.inode);
      const options = parseMountOptions(m.superOptions);
      byDevice.set(m.device, {
        id: m.device,
        mountPoint: m.mountPoint,
        openPath: isOwn ? m.mountPoint : `/proc/${pid}/root${m.mountPoint}`,
        namespace: ns.inode,
        own: isOwn,
        options,
        optionText: formatMountOptions(options),
        processes: procs(),
        processCount: ns.pids.length,
        current: m.device === current,
      });
    }
  }
  return [...byDevice.values()];
}

/** "major:minor" of a stat's dev, as mountinfo writes it. */
export function deviceOf(dev: number): string {
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | (Math.floor(dev / 4096) & ~0xff);
  return `${major}:${minor}`;
}

function mergeProcesses(m: BpffsMount, ns: Namespace, procs: () => MountProcess[]): void {
  if (m.processes.length < PROCESS_CAP) m.processes.push(...procs().slice(0, PROCESS_CAP - m.processes.length));
  m.processCount += ns.pids.length;
}
