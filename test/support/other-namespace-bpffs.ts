// A bpffs in another mount namespace: `unshare -m` runs a shell that mounts it privately (with mount options),
// pins a map there with bpftool and sleeps; this namespace never sees the mount. stop() kills the shell.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mapCreateArgs } from './bpftool-map.js';

export interface OtherNamespaceBpffs {
  /** The sleeping process in the namespace, and where the bpffs is mounted there (a temp dir empty here). */
  pid: number;
  dir: string;
  stop: () => Promise<void>;
}

/** Mounts with `options` (e.g. "uid=1000,delegate_cmds=any") and pins a hash map named `mapName` at DIR/mapName. */
export async function startOtherNamespaceBpffs(options: string, mapName: string): Promise<OtherNamespaceBpffs> {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-otherns-'));
  const script = [
    `mount -t bpf -o ${options} bpf ${dir}`,
    ['bpftool', ...mapCreateArgs(`${dir}/${mapName}`, { type: 'hash', value: 4, name: mapName })].join(' '),
    'echo ready',
    'exec sleep 600',
  ].join(' && ');
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    await killed(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready(child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { pid: child.pid!, dir, stop };
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`unshare exited (${code}) before the mount was ready: ${err}`)));
    child.once('error', reject);
  });
}

function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
