// A throwaway non-root user for tests that must run something unprivileged for real (useradd / userdel, as root).
import { execFileSync } from 'node:child_process';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
  remove(): void;
}

/** Undefined when this process can create users (root, useradd present), else why not. */
export function osUserSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'creating a test user needs root';
  try {
    execFileSync('useradd', ['--help'], { stdio: 'pipe' });
  } catch {
    return 'useradd is not installed (apt-get install passwd)';
  }
  return undefined;
}

/** A new system user without home or login shell; remove() deletes it. */
export function createOsUser(prefix = 'bpfscope-t'): OsUser {
  const name = `${prefix}-${process.pid % 100_000}`;
  execFileSync('useradd', ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', name], {
    stdio: 'pipe',
  });
  const id = (flag: string): number => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  let removed = false;
  return {
    name,
    uid: id('-u'),
    gid: id('-g'),
    remove: () => {
      if (removed) return;
      execFileSync('userdel', [name], { stdio: 'pipe' });
      removed = true;
    },
  };
}
