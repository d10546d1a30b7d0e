// Every bpffs mount an engine can reach: the host's, containers' and other mount namespaces' (systemd
// PrivateBPF=, unshare -m), each with its options and the processes that see it.
import type { BpffsMountOptions } from './bpf/mount-options.js';

export interface MountProcess {
  pid: number;
  comm: string;
}

export interface BpffsMount {
  /** Stable while the mount exists: its superblock's device ("0:39"), one per bpffs instance. */
  id: string;
  /** Where it is mounted, as seen from its own mount namespace. */
  mountPoint: string;
  /** Where this engine opens it: the mount point, or /proc/PID/root/MOUNTPOINT for another namespace. */
  openPath: string;
  /** The mount namespace's inode (as in /proc/PID/ns/mnt), and whether it is the engine's own. */
  namespace: number;
  own: boolean;
  /** The options by meaning, and as mountinfo prints them (only those that differ from a plain mount). */
  options: BpffsMountOptions;
  optionText: string;
  /** Processes whose mount namespace has it, the first few; processCount counts them all. */
  processes: MountProcess[];
  processCount: number;
  /** The mount the tree shows now. */
  current: boolean;
}

/** How a mount is named in the picker: "/sys/fs/bpf" or "/run/bpf (mnt ns 4026532123, pid 812 sleep)". */
export function mountLabel(m: Pick<BpffsMount, 'mountPoint' | 'own' | 'namespace' | 'processes'>): string {
  if (m.own) return m.mountPoint;
  const first = m.processes[0];
  const who = first ? `, pid ${first.pid} ${first.comm}` : '';
  return `${m.mountPoint} (mnt ns ${m.namespace}${who})`;
}
