// Element edits by path on the native engine over a private bpffs.
import { afterEach, describe } from 'vitest';

import { apiOf } from '../../test/support/in-process-api.js';
import { defineMapEditTests } from '../../test/support/map-edits.js';
import { nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { createNativeEngine } from '../engine/native/engine.js';
import { createHost, type Host } from './create-host.js';

const skip = nativeSkipReason('map-edits.native.test.ts');

describe.skipIf(skip !== undefined)('element edits by path (native)', () => {
  const env = useNativeEngine();
  const hosts: Host[] = [];
  // Hosts end before useNativeEngine's own hook unmounts the bpffs (inner hooks run first).
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.dispose()));
  });
  defineMapEditTests({
    open: async () => {
      const host = createHost(createNativeEngine({ bpffs: env.mount.dir }));
      hosts.push(host);
      return apiOf(host);
    },
  });
});
