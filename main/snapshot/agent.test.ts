// A capture through the agent (the native engine in its own process, as serve and `bpfscope snapshot` reach it)
// holds what the engine shows in process: same tree, infos and entries, BTF and xlated images crossing the pipe.
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { startAgent } from '../../test/support/agent.js';
import { fillWithBpfRef } from '../../test/support/bpf-ref.js';
import { hostContents } from '../../test/support/host-contents.js';
import { nativeSkipReason, RETURN_ZERO, useNativeEngine } from '../../test/support/native-env.js';

import { createHost } from '../host/create-host.js';
import { captureSnapshot } from './capture.js';
import { openSnapshotBytes } from './open.js';

const skip = nativeSkipReason('snapshot/agent.test.ts');

describe.skipIf(skip !== undefined)('a snapshot captured through the agent', () => {
  const env = useNativeEngine();

  it('reopens equal to what the native engine shows in process', async () => {
    fillWithBpfRef(join(env.mount.dir, 'counts'), 'hash', 5000);
    await env.engine.mkdir('progs', 0o700);
    const p = await env.engine.loadProgram({ type: 'socket_filter', name: 'ret0', insns: RETURN_ZERO, license: 'GPL' });
    await env.engine.pin(p.handle, 'progs/ret0');
    await env.engine.close(p.handle);
    const agent = await startAgent({ args: ['--engine', 'native', '--bpffs', env.mount.dir] });
    try {
      const bytes = await captureSnapshot(agent.connection, { maps: 'all' });
      const snap = await openSnapshotBytes(bytes, 'agent.bpfsnap');
      try {
        const [live, back] = [await hostContents(createHost(env.engine)), await hostContents(snap)];
        expect(back.nodes).toEqual(live.nodes);
        expect(back.disasm).toEqual(live.disasm);
        expect(back.entries).toEqual(live.entries);
        expect(back.entries.counts?.[0]).toBe('5000 entries');
        expect(snap.snapshot.meta.kernel).toMatch(/^\d+\.\d+/);
      } finally {
        await snap.dispose();
      }
    } finally {
      await agent.connection.dispose();
    }
  }, 120_000);
});
