// A private bpffs for tests: mounted in a fresh temp dir, unmounted and removed afterwards. Never /sys/fs/bpf.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let mountProbe: string | undefined | null = null;

/**
 * Undefined when this process can mount a bpffs, else why not. It tries a real mount (once per process) rather than
 * checking the uid: root in a container without CAP_SYS_ADMIN cannot mount, and a kernel without CONFIG_BPF_SYSCALL
 * has no bpf file system at all.
 */
export function canMountBpffs(): string | undefined {
  if (process.platform !== 'linux') return `bpffs needs Linux (this is ${process.platform})`;
  if (mountProbe === null) mountProbe = probeMount();
  return mountProbe;
}

function probeMount(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-probe-'));
  try {
    execFileSync('mount', ['-t', 'bpf', 'bpf', dir], { stdio: 'pipe' });
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
    const uid = process.getuid?.();
    const hint = uid === 0 ? 'root here lacks CAP_SYS_ADMIN or the kernel has no bpffs' : `run as root (uid is ${uid})`;
    return `mount -t bpf failed: ${stderr.split('\n')[0]} (${hint})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PrivateBpffs {
  dir: string;
  cleanup: () => Promise<void>;
}

export async function mountPrivateBpffs(): Promise<PrivateBpffs> {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-bpffs-'));
  try {
    execFileSync('mount', ['-t', 'bpf', 'bpf', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`mount -t bpf bpf ${dir} failed: ${(e as Error).message}`, { cause: e });
  }
  let done = false;
  const cleanup = async (): Promise<void> => {
    if (done) return;
    done = true;
    // Lazy unmount: a watcher or fd still open must not keep the mount busy.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, cleanup };
}
