// A snapshot of a real bpffs: a 1M-entry hash, a per-CPU array, a clang-built object's BTF map and program, and a
// raw tracepoint link, captured through the native engine and reopened in the emulated one: both show the same.
import { closeSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ObjectInfo } from '../../shared/engine.js';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { fillWithBpfRef } from '../../test/support/bpf-ref.js';
import { call, hostContents } from '../../test/support/host-contents.js';
import { nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { cString, objPin, progLoad } from '../engine/native/commands.js';
import { ATTR_SIZE, addressOf, bpf } from '../engine/native/sys.js';
import { createHost } from '../host/create-host.js';
import { captureSnapshot } from './capture.js';
import { openSnapshotBytes } from './open.js';

const skip = nativeSkipReason('snapshot/native.test.ts') ?? clangSkipReason();
if (skip && !nativeSkipReason('snapshot/native.test.ts')) console.warn(`[snapshot/native.test.ts] skipped: ${skip}`);
const RAW_TRACEPOINT = 17;

function pinRawTracepointLink(dir: string): void {
  const progFd = progLoad({
    type: RAW_TRACEPOINT,
    insns: Buffer.from('b7000000000000009500000000000000', 'hex'),
    license: 'GPL',
    name: 'noop_tp',
    logBuf: null,
    logLevel: 0,
  });
  const name = cString('sys_enter');
  const attr = Buffer.alloc(ATTR_SIZE);
  attr.writeBigUInt64LE(addressOf(name), 0);
  attr.writeUInt32LE(progFd, 8);
  const linkFd = bpf(17, attr);
  objPin(linkFd, join(dir, 'trace', 'tp_link'));
  closeSync(linkFd);
  closeSync(progFd);
}

function withoutLoadedAt(infos: Record<string, ObjectInfo>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(infos).map(([path, info]) => {
      if (info.kind !== 'prog') return [path, info];
      return [path, { ...info, loadedAt: 0 }];
    }),
  );
}

describe.skipIf(skip !== undefined)('a snapshot of a native bpffs', () => {
  const env = useNativeEngine();

  it('reopens with every node, info field, disassembly line and entry the live engine shows', async () => {
    const dir = env.mount.dir;
    fillWithBpfRef(join(dir, 'big'), 'hash', 1_000_000);
    await env.engine.mkdir('stats');
    fillWithBpfRef(join(dir, 'stats', 'per_cpu'), 'percpu_array', 1000);
    await env.engine.mkdir('trace');
    pinRawTracepointLink(dir);
    await env.engine.mkdir('flows', 0o750);
    await env.engine.loadObject('flows', 'flow_table.o', compileBpf('flow_table').bytes);
    const h = await env.engine.get('flows/flows', 'rw');
    await env.engine.mapUpdate(h.handle, new Uint8Array(16).fill(7), new Uint8Array(48).fill(9), 'any');
    await env.engine.close(h.handle);
    await env.engine.symlink('big', 'big_alias');
    await env.engine.link('stats/per_cpu', 'stats/per_cpu_again');

    const live = createHost(env.engine);
    const snap = await openSnapshotBytes(await captureSnapshot(live, { maps: 'all' }), 'native.bpfsnap');
    try {
      const [a, b] = [await hostContents(live), await hostContents(snap)];
      expect(b.nodes).toEqual(a.nodes);
      // The native engine derives loadedAt from the boot time, which it reads anew each time (ms of jitter).
      expect(withoutLoadedAt(b.infos)).toEqual(withoutLoadedAt(a.infos));
      for (const [path, info] of Object.entries(a.infos)) {
        const other = b.infos[path];
        if (info.kind === 'prog' && other?.kind === 'prog')
          expect(Math.abs(other.loadedAt - info.loadedAt)).toBeLessThan(1000);
      }
      expect(b.disasm).toEqual(a.disasm);
      expect(Object.keys(b.entries)).toEqual(Object.keys(a.entries));
      for (const path of Object.keys(a.entries)) expect(b.entries[path], path).toEqual(a.entries[path]);
      expect(a.entries.big?.[0]).toBe('1000000 entries');
      expect(a.infos['flows/flows']).toMatchObject({ btfId: expect.any(Number) });
      expect((a.infos['flows/flows'] as { btfId: number }).btfId).toBeGreaterThan(0);
      // The map view decodes the captured BTF like the live one.
      const view = await call(snap, 'mapViewOpen', { path: 'flows/flows' });
      expect(view.btf?.length).toBeGreaterThan(24);
      expect(snap.warnings).toEqual([]);
    } finally {
      await snap.dispose();
    }
  }, 600_000);
});
