// Test support for symlink races: a throwaway local user, and a small C program that, running as that user,
// swaps pairs of names with RENAME_EXCHANGE in a tight loop (a folder and a symlink trade places atomically).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SWAPPER_C = `#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 5 || chdir(argv[1]) != 0) return 2;
  long ms = atol(argv[2]), swaps = 0;
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (;;) {
    for (int i = 3; i + 1 < argc; i += 2)
      if (renameat2(AT_FDCWD, argv[i], AT_FDCWD, argv[i + 1], RENAME_EXCHANGE) == 0) swaps++;
    if ((swaps & 1023) == 0) {
      clock_gettime(CLOCK_MONOTONIC, &t);
      if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 >= ms) break;
    }
  }
  printf("%ld\\n", swaps);
  return 0;
}
`;

/** Why a race cannot be staged here (no useradd or C compiler), or undefined. */
export function raceSkipReason(file: string): string | undefined {
  for (const [tool, args] of [
    ['useradd', ['--help']],
    ['cc', ['--version']],
  ] as const) {
    try {
      execFileSync(tool, [...args], { stdio: 'pipe' });
    } catch {
      const reason = `${tool} is not available (apt-get install passwd gcc)`;
      console.warn(`[${file}] symlink race skipped: ${reason}`);
      return reason;
    }
  }
  return undefined;
}

export interface RaceUser {
  uid: number;
  gid: number;
  /** Runs the swapper as this user in `dir` for `ms`, exchanging each pair of names; resolves to the swap count. */
  swap(dir: string, ms: number, pairs: [string, string][]): Promise<number>;
  remove(): void;
}

/** Removes race users left behind by test processes that were killed before their cleanup ran. */
function removeStaleUsers(): void {
  for (const m of readFileSync('/etc/passwd', 'utf8').matchAll(/^bpfscope-race-(\d+):/gm)) {
    if (!existsSync(`/proc/${m[1]}`)) execFileSync('userdel', [`bpfscope-race-${m[1]}`], { stdio: 'pipe' });
  }
}

export function createRaceUser(): RaceUser {
  removeStaleUsers();
  const name = `bpfscope-race-${process.pid}`;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'pipe' });
  const bin = mkdtempSync(join(tmpdir(), 'bpfscope-swapper-'));
  try {
    const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
    chmodSync(bin, 0o755);
    writeFileSync(join(bin, 'swapper.c'), SWAPPER_C);
    execFileSync('cc', ['-O2', '-o', join(bin, 'swapper'), join(bin, 'swapper.c')], { stdio: 'pipe' });
    const swap = (dir: string, ms: number, pairs: [string, string][]): Promise<number> =>
      new Promise((resolve, reject) => {
        const child = spawn(join(bin, 'swapper'), [dir, String(ms), ...pairs.flat()], { uid, gid });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`swapper: ${code}`))));
      });
    return {
      uid,
      gid,
      swap,
      remove: () => {
        rmSync(bin, { recursive: true, force: true });
        execFileSync('userdel', [name], { stdio: 'pipe' });
      },
    };
  } catch (e) {
    rmSync(bin, { recursive: true, force: true });
    execFileSync('userdel', [name], { stdio: 'pipe' });
    throw e;
  }
}
