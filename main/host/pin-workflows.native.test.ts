// Pin workflows on the native engine over a private bpffs, and fd holders read from /proc.
import { describe, expect, it } from 'vitest';

import { nativeSkipReason, newHash, useNativeEngine } from '../../test/support/native-env.js';
import { definePinWorkflowTests } from '../../test/support/pin-workflows.js';

import { scanHolders } from '../engine/native/holders.js';

const skip = nativeSkipReason('pin-workflows.native.test.ts');

describe.skipIf(skip !== undefined)('pin workflows on the native engine', () => {
  const env = useNativeEngine();
  definePinWorkflowTests(env);

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
