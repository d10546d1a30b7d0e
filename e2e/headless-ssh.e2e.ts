// The headless CLI against an ssh host: the built `bpfscope` reaches a real sshd on loopback through the system ssh,
// ships its agent there, and prints the remote engine's answers. Without a terminal nobody can answer ssh's
// questions, so an unknown host key is a clear refusal, and a known one lets the command through.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DirEntry } from '../shared/engine.js';

import { SSH_ALIAS, sshdSkipReason, startSshd, type TestSshd } from '../test/support/sshd.js';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
const skip = sshdSkipReason();
if (skip) console.warn(`[headless-ssh.e2e.ts] skipped: ${skip}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
const bpfscope = (args: string[], env: NodeJS.ProcessEnv): Promise<Run> =>
  new Promise((resolve) => {
    // stdin is not a terminal here, as in a script or CI job.
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

let sshd: TestSshd | undefined;
beforeAll(async () => {
  if (!skip) sshd = await startSshd();
}, 120_000);
afterAll(async () => {
  await sshd?.stop();
});

describe.skipIf(skip !== undefined)('bpfscope ls --host over ssh', { timeout: 120_000 }, () => {
  it('refuses an unknown host key without a terminal, then lists the remote demo once the key is known', async () => {
    const env = { BPFSCOPE_SSH_CONFIG: sshd!.clientConfig };
    const args = ['ls', '--host', `ssh:${SSH_ALIAS}`, '--engine', 'emulated', '--json', 'tc/globals'];
    const refused = await bpfscope(args, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^bpfscope: [A-Z]+: .*host key/im);
    expect(refused.stderr).toMatch(/terminal/);

    writeFileSync(sshd!.knownHosts, `[127.0.0.1]:${sshd!.port} ${readFileSync(sshd!.hostKeyPub, 'utf8').trim()}\n`);
    const listed = await bpfscope(args, env);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const entries = JSON.parse(listed.stdout) as DirEntry[];
    expect(entries.find((e) => e.name === 'cilium_ct4_global')).toMatchObject({
      kind: 'map',
      object: { kind: 'map', type: 'lru_hash' },
    });
    // The agent was shipped into the remote user's cache, not found installed.
    const cache = join(sshd!.home, '.cache', 'bpfscope');
    expect(existsSync(cache) && readdirSync(cache).some((d) => d.startsWith('agent-'))).toBe(true);
  });
});
