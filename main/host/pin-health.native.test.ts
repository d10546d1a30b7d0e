// Pin health on the kernel with fixtures made from outside: a map pinned by bpftool (which then exits) is
// orphaned, bpftool's loadall leaves programs attached nowhere, and an xdp link whose veth went with its test
// network namespace is reported as defunct (the kernel's ifindex 0) without its program being counted twice.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { bpftoolMapCreate } from '../../test/support/bpftool-map.js';
import { netnsSkipReason, pinDeadXdpLink } from '../../test/support/dead-link.js';
import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { pinHealth } from './pin-health.js';

const file = 'pin-health.native.test.ts';
const skip = nativeSkipReason(file) ?? bpftoolSkipReason(file) ?? clangSkipReason() ?? netnsSkipReason();
if (skip) console.warn(`[${file}] skipped: ${skip}`);

const bpftool = (...args: string[]): void => void execFileSync('bpftool', args, { stdio: 'pipe' });

describe.skipIf(skip !== undefined)('pin health on the native engine', () => {
  const env = useNativeEngine();

  it('finds the orphaned map, the programs attached nowhere and the link whose device is gone', async () => {
    const dir = env.mount.dir;
    bpftoolMapCreate(join(dir, 'stale_map'), { type: 'hash', name: 'stale' });
    bpftool('prog', 'loadall', compileBpf('xdp_counter').path, join(dir, 'progs'), 'pinmaps', join(dir, 'maps'));
    bpftool('prog', 'load', compileBpf('small_counter').path, join(dir, 'linked'));
    pinDeadXdpLink(join(dir, 'linked'), join(dir, 'dead_link'));

    const report = await pinHealth(env.engine, '');
    const summary = report.findings.map((f) => [f.kind, f.pins[0]]).sort();
    expect(summary).toEqual([
      ['dead-link', 'dead_link'],
      ['orphan-map', 'stale_map'],
      ['unattached-prog', 'progs/count_protocols'],
      ['unattached-prog', 'progs/count_tc'],
    ]);
    const dead = report.findings.find((f) => f.kind === 'dead-link');
    expect(dead).toMatchObject({ object: { kind: 'link', type: 'xdp' } });
    expect(dead?.detail).toMatch(/is defunct: its network device was deleted \(the kernel reports ifindex 0\)\.$/);
    // From outside: bpftool agrees the link is still there and attached to no device.
    const shown = JSON.parse(
      execFileSync('bpftool', ['-j', 'link', 'show', 'pinned', join(dir, 'dead_link')], { encoding: 'utf8' }),
    );
    expect(shown).toMatchObject({ id: dead?.object.id, type: 'xdp' });
    expect(shown.ifindex ?? 0).toBe(0);
  });
});
