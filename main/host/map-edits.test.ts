// Element edits by path on the emulated engine behind the real host.
import { afterEach, describe } from 'vitest';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';
import { defineMapEditTests } from '../../test/support/map-edits.js';

describe('element edits by path (emulated)', () => {
  const envs: InProcessApi[] = [];
  afterEach(async () => {
    await Promise.all(envs.splice(0).map((e) => e.dispose()));
  });
  defineMapEditTests({
    open: async () => {
      const env = await createInProcessApi();
      envs.push(env);
      return env.api;
    },
  });
});
