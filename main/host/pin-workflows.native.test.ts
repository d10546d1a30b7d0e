// Pin workflows on the native engine over a private bpffs, and fd holders read from /proc.
import { afterEach, describe, expect, it } from 'vitest';

import { apiOf } from '../../test/support/in-process-api.js';
import { nativeSkipReason, newHash, useNativeEngine } from '../../test/support/native-env.js';
import { definePinWorkflowTests } from '../../test/support/pin-workflows.js';

import { createNativeEngine } from '../engine/native/engine.js';
import { scanHolders } from '../engine/native/holders.js';
import { createHost, type Host } from './create-host.js';

const skip = nativeSkipReason('pin-workflows.native.test.ts');

describe.skipIf(skip !== undefined)('pin workflows on the native engine', () => {
  const env = useNativeEngine();
  const hosts: Host[] = [];
  // Hosts end before useNativeEngine's own hook unmounts the bpffs (inner hooks run first).
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.dispose()));
  });

  definePinWorkflowTests({
    open: async () => {
      const host = createHost(createNativeEngine({ bpffs: env.mount.dir }));
      hosts.push(host);
      return apiOf(host);
    },
  });

  it('finds the process and fd holding a map in /proc', async () => {
    const h = await newHash(env.engine);
    // bpfscope's own pid is left out by default (its fds are its handles), so count it in here.
    const mine = scanHolders(-1).get(`map:${h.id}`) ?? [];
    expect(mine).toEqual([{ pid: process.pid, comm: expect.any(String), fds: [expect.any(Number)] }]);
    expect(scanHolders().get(`map:${h.id}`)).toBeUndefined();
    const listed = (await env.engine.listObjects()).find((o) => o.kind === 'map' && o.id === h.id);
    expect(listed).toMatchObject({ handles: [h.handle], holders: [] });
  });
});
