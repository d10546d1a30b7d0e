// Where bpffs is mounted (/proc/self/mountinfo), how many CPUs are possible, and when the system booted.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { posix } from 'node:path';

import { parseCpuList } from '../../../shared/bpf/cpu-list.js';
import { BpfError } from '../../../shared/errors.js';

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
  options: string;
  /** The mount's id (unique across namespaces) and its superblock's device ("0:39", one per bpffs instance). */
  mountId: number;
  device: string;
  /** The filesystem's own options, e.g. "rw,uid=1000,mode=750,delegate_cmds=any". */
  superOptions: string;
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export function parseMountInfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    const mountPoint = left[4];
    if (mountPoint === undefined) continue;
    out.push({
      mountPoint: unescapeMountPath(mountPoint),
      fsType: right[0] ?? '',
      source: right[1] ?? '',
      options: `${left[5] ?? ''},${right[2] ?? ''}`,
      mountId: Number(left[0]),
      device: left[2] ?? '',
      superOptions: right[2] ?? '',
    });
  }
  return out;
}

/** Every bpffs mount point of this mount namespace. */
export function bpffsMounts(): string[] {
  return parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'))
    .filter((m) => m.fsType === 'bpf')
    .map((m) => m.mountPoint);
}

const HOW_TO_MOUNT = (dir: string): string => `Mount one with: mount -t bpf bpf ${dir}`;

/** /proc/PID/root/MOUNTPOINT: a mount of another mount namespace, seen through one of its processes. */
const OTHER_NAMESPACE = /^\/proc\/(\d+)\/root(\/.*)?$/;

/**
 * The real path of `dir`, checked to be the root of a bpffs mount; throws a BpfError naming the problem. A path
 * through /proc/PID/root is checked against that process's mountinfo and kept as given: resolving it here would
 * lead into this namespace's tree instead.
 */
export function checkBpffsRoot(dir: string): string {
  const other = OTHER_NAMESPACE.exec(posix.normalize(dir).replace(/(.)\/+$/, '$1'));
  if (other) return checkOtherNamespaceRoot(dir, other[1]!, other[2] ?? '/');
  if (!existsSync(dir)) {
    throw new BpfError('ENOENT', `${dir} does not exist; bpfscope needs a bpffs mount point.`, {
      path: dir,
      hint: HOW_TO_MOUNT(dir),
    });
  }
  const real = realpathSync(dir);
  if (!statSync(real).isDirectory()) {
    throw new BpfError('ENOTDIR', `${dir} is not a directory; bpfscope needs a bpffs mount point.`, {
      path: dir,
      hint: HOW_TO_MOUNT(dir),
    });
  }
  const mounts = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  // The last mount at a point is the one on top.
  const top = mounts.filter((m) => m.mountPoint === real).at(-1);
  if (top?.fsType === 'bpf') return real;
  const enclosing = mounts
    .filter((m) => m.fsType === 'bpf' && real.startsWith(`${m.mountPoint}/`))
    .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
  if (enclosing) {
    throw new BpfError('EINVAL', `${dir} is inside the bpffs mounted at ${enclosing.mountPoint}, not its root.`, {
      path: dir,
      hint: `Open ${enclosing.mountPoint} instead.`,
    });
  }
  const what = top ? `a ${top.fsType} mount` : 'not a mount point';
  throw new BpfError('ENODEV', `${dir} is not a bpffs mount (${what}).`, { path: dir, hint: HOW_TO_MOUNT(dir) });
}

function checkOtherNamespaceRoot(dir: string, pid: string, inner: string): string {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/mountinfo`, 'utf8');
  } catch {
    throw new BpfError('ENOENT', `Process ${pid} is gone or cannot be inspected, so ${dir} cannot be reached.`, {
      path: dir,
      hint: 'List the mounts again and open one through a process that is still running.',
    });
  }
  const top = parseMountInfo(text)
    .filter((m) => m.mountPoint === inner)
    .at(-1);
  if (top?.fsType === 'bpf') return `/proc/${pid}/root${inner === '/' ? '' : inner}`;
  const what = top ? `a ${top.fsType} mount` : 'not a mount point';
  throw new BpfError('ENODEV', `${inner} in the mount namespace of process ${pid} is not a bpffs mount (${what}).`, {
    path: dir,
  });
}

export function possibleCpuCount(): number {
  return parseCpuList(readFileSync('/sys/devices/system/cpu/possible', 'utf8'));
}

/** Wall-clock time of boot in ms (CLOCK_BOOTTIME origin, which load_time counts from). */
export function bootTimeMs(): number {
  const uptimeSec = parseFloat(readFileSync('/proc/uptime', 'utf8').split(' ')[0] ?? '0');
  return Date.now() - uptimeSec * 1000;
}
