// The token given by file or environment never appears in the server's command line, which any local user can read.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { type ServeChild, startServeChild } from './support/serve-child.js';

const dir = mkdtempSync(join(tmpdir(), 'bpfscope-token-'));
const started: ServeChild[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

async function serveWith(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeChild> {
  const s = await startServeChild(['--empty', ...args], env);
  started.push(s);
  return s;
}

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8');

describe('token hygiene', () => {
  it('serves with the token from --token-file, absent from /proc/PID/cmdline', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'file-token-0123456789\n');
    chmodSync(file, 0o600);
    const s = await serveWith(['--token-file', file]);
    expect(s.token).toBe('file-token-0123456789');
    expect(cmdline(s.pid)).not.toContain('file-token-0123456789');
    expect(s.stderr()).toBe('');
  });

  it('serves with the token from BPFSCOPE_TOKEN, absent from /proc/PID/cmdline', async () => {
    const s = await serveWith([], { BPFSCOPE_TOKEN: 'env-token-0123456789' });
    expect(s.token).toBe('env-token-0123456789');
    expect(cmdline(s.pid)).not.toContain('env-token-0123456789');
  });

  it('still takes --token, and warns on stderr that it is visible', async () => {
    const s = await serveWith(['--token', 'flag-token-0123456789']);
    expect(s.token).toBe('flag-token-0123456789');
    expect(s.stderr()).toMatch(/warning: --token is visible to every local user in \/proc\/PID\/cmdline/);
  });
});
