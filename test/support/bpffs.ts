// A private bpffs for tests: mounted in a fresh temp dir, unmounted and removed afterwards. Never /sys/fs/bpf.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Undefined when this process can mount a bpffs (Linux, root), else the reason it cannot. */
export function canMountBpffs(): string | undefined {
  if (process.platform !== 'linux') return `bpffs needs Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'mounting a bpffs needs root';
  return undefined;
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
