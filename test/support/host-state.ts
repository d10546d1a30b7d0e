// What a test checks is unchanged around risky work: the host's /sys/fs/bpf (only ever read), this process's
// children and its open fds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SYS_BPFFS = '/sys/fs/bpf';

/** Every path under /sys/fs/bpf, read with readdir and stat only; empty when it is not there. */
export function sysBpffsListing(): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const abs = join(dir, name);
      out.push(join(rel, name));
      try {
        if (statSync(abs).isDirectory()) walk(abs, join(rel, name));
      } catch {
        /* vanished meanwhile */
      }
    }
  };
  walk(SYS_BPFFS, '');
  return out;
}

/** Pids of this process's children that are still there (zombies included) whose command line has `marker`. */
export function childPids(marker = ''): number[] {
  const kids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(marker)) kids.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return kids;
}

export const openFds = (): number => readdirSync('/proc/self/fd').length;
