// The agent's stdout is widened for real, on the two kinds of stdout it gets: the socket pair a spawning parent
// makes (serve, Electron) and a pipe (a shell, ssh).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { effectiveCapabilities } from '../../shared/capabilities.js';

import { OUTPUT_BUFFER_BYTES } from './output-buffer.js';

const MODULE = new URL('./output-buffer.ts', import.meta.url).pathname;
const script = `import(${JSON.stringify(MODULE)}).then((m) => m.widenOutputBuffer(1)).then((r) => process.stderr.write(r))`;
if (process.platform !== 'linux')
  console.warn(`[output-buffer.test.ts] skipped: socket and pipe sizes are Linux calls`);
const sysctl = (name: string) => (process.platform === 'linux' ? Number(readFileSync(`/proc/sys/${name}`, 'utf8')) : 0);
const caps = process.platform === 'linux' ? effectiveCapabilities(readFileSync('/proc/self/status', 'utf8')) : [];
const wmemMax = sysctl('net/core/wmem_max');
const pipeMax = sysctl('fs/pipe-max-size');

/** What widenOutputBuffer says from a child whose stdout is set up by `shell` (or by Node: a socket pair). */
function widenIn(shell?: string): string {
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const quoted = node.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = shell
    ? spawnSync('sh', ['-c', `${quoted} ${shell}`], { encoding: 'utf8' })
    : spawnSync(node[0] as string, node.slice(1), { encoding: 'utf8', stdio: 'pipe' });
  return r.stderr.trim();
}

const bytes = (said: string) => Number(/(\d+) bytes/.exec(said)?.[1] ?? Number.NaN);

describe.runIf(process.platform === 'linux')('the agent output buffer', { timeout: 30_000 }, () => {
  it('holds several windows at once on a socket pair, as far as the kernel lets it', () => {
    const said = widenIn();
    expect(said).toMatch(/^socket send buffer \d+ bytes$/);
    // The kernel doubles what it is asked for; past net.core.wmem_max only with CAP_NET_ADMIN.
    const past = caps.includes('CAP_NET_ADMIN');
    expect(bytes(said)).toBeGreaterThanOrEqual(past ? OUTPUT_BUFFER_BYTES : Math.min(OUTPUT_BUFFER_BYTES, wmemMax));
  });

  it('grows a pipe past its 64 KiB default', () => {
    const said = widenIn('| cat');
    expect(said).toMatch(/^pipe buffer \d+ bytes$/);
    // Past fs.pipe-max-size only with CAP_SYS_RESOURCE.
    const past = caps.includes('CAP_SYS_RESOURCE');
    expect(bytes(said)).toBeGreaterThanOrEqual(past ? OUTPUT_BUFFER_BYTES : Math.min(OUTPUT_BUFFER_BYTES, pipeMax));
  });

  it('leaves a file alone', () => {
    expect(widenIn('> /dev/null')).toBe('left as it is (neither a socket nor a pipe)');
  });
});
