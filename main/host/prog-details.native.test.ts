// progDetails / linkDetails on the native engine: a real raw_tracepoint link (BPF_RAW_TRACEPOINT_OPEN returns a
// link fd) pinned in a private bpffs, compared with what bpftool says of it.
import { execFileSync } from 'node:child_process';
import { closeSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { apiOf } from '../../test/support/in-process-api.js';
import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { cString, objPin, progLoad } from '../engine/native/commands.js';
import { ATTR_SIZE, addressOf, bpf } from '../engine/native/sys.js';
import { createHost } from './create-host.js';

const skip = nativeSkipReason('prog-details.native.test.ts') ?? bpftoolSkipReason('prog-details.native.test.ts');
const RAW_TRACEPOINT = 17,
  RAW_TRACEPOINT_OPEN = 17;

/** BPF_RAW_TRACEPOINT_OPEN: name @0, prog_fd @8; returns a link fd. */
function rawTracepointOpen(name: string, progFd: number): number {
  const text = cString(name);
  const attr = Buffer.alloc(ATTR_SIZE);
  attr.writeBigUInt64LE(addressOf(text), 0);
  attr.writeUInt32LE(progFd, 8);
  return bpf(RAW_TRACEPOINT_OPEN, attr);
}

describe.skipIf(skip)('program and link details (native)', () => {
  const env = useNativeEngine();

  it('a raw_tracepoint link: its program, the tracepoint, and what unlinking detaches', async () => {
    // r0 = 0; exit: runs on every sys_enter while the link lives, and does nothing.
    const insns = Buffer.from('b7000000000000009500000000000000', 'hex');
    const progFd = progLoad({
      type: RAW_TRACEPOINT,
      insns,
      license: 'GPL',
      name: 'noop_tp',
      logBuf: null,
      logLevel: 0,
    });
    const linkFd = rawTracepointOpen('sys_enter', progFd);
    objPin(progFd, join(env.mount.dir, 'noop_tp'));
    objPin(linkFd, join(env.mount.dir, 'tp_link'));
    closeSync(linkFd);
    closeSync(progFd);
    const handlers = apiOf(createHost(env.engine));
    const d = await handlers.linkDetails({ path: 'tp_link' });
    const outside = JSON.parse(
      execFileSync('bpftool', ['-j', 'link', 'show', 'pinned', join(env.mount.dir, 'tp_link')], { encoding: 'utf8' }),
    ) as { id: number; type: string; prog_id: number; tp_name: string };
    expect(d.info).toMatchObject({
      id: outside.id,
      type: 'raw_tracepoint',
      progId: outside.prog_id,
      attach: { tp_name: 'sys_enter' },
    });
    expect(outside.tp_name).toBe('sys_enter');
    expect(d.prog).toEqual({ id: outside.prog_id, name: 'noop_tp', type: 'raw_tracepoint', pins: ['noop_tp'] });
    expect(d.target.summary).toBe('raw tracepoint sys_enter');
    expect(d.detaches).toBe('Detaches the raw_tracepoint program noop_tp from raw tracepoint sys_enter.');
    const p = await handlers.progDetails({ path: 'noop_tp' });
    expect(p.lines.map((l) => l.text)).toEqual(['(b7) r0 = 0', '(95) exit']);
    expect(p.tag).toMatch(/^[0-9a-f]{16}$/);
    expect(p.jitedLen).toBeGreaterThan(0);
    expect(env.engine.handles()).toEqual([]);
  });
});
