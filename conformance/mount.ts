// A private bpffs instance in a temp dir, so native runs never touch /sys/fs/bpf.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BpffsMount {
  dir: string;
  unmount(): void;
}

export function mountBpffs(): BpffsMount {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-conf-'));
  try {
    execFileSync('mount', ['-t', 'bpf', 'bpf', dir], { stdio: 'pipe' });
  } catch (e) {
    rmdirSync(dir);
    throw e;
  }
  let mounted = true;
  return {
    dir,
    unmount() {
      if (!mounted) return;
      mounted = false;
      // Lazy unmount: an fd the engine failed to close must not keep the temp dir busy.
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmdirSync(dir);
    },
  };
}
