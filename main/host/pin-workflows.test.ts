// Pin workflows on the emulated engine, and its simulated holders in listObjects.
import { afterEach, describe, expect, it } from 'vitest';

import { apiOf } from '../../test/support/in-process-api.js';
import { definePinWorkflowTests } from '../../test/support/pin-workflows.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from './create-host.js';

const hosts: Host[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()));
});

describe('pin workflows on the emulated engine', () => {
  definePinWorkflowTests({
    open: async () => {
      const host = createHost(createEmulatedEngine({ demo: false }));
      hosts.push(host);
      return apiOf(host);
    },
  });

  it("reports the demo's objects that only the simulated process keeps alive, with that process as holder", async () => {
    const demo = createEmulatedEngine({ demo: true, traffic: false });
    try {
      const objects = await demo.listObjects();
      const orphans = objects.filter((o) => o.pins.length === 0 && (o.holders ?? []).length > 0);
      expect(orphans.map((o) => o.name).sort()).toEqual([
        'cali_tc_allowed',
        'cali_tc_policy',
        'cgroup_egress',
        'sock_cookies',
      ]);
      for (const o of orphans)
        expect(o.holders).toEqual([{ pid: 4242, comm: 'cilium-agent', fds: [expect.any(Number)] }]);
      expect(objects.find((o) => o.name === 'events')?.holders?.[0]?.comm).toBe('cilium-agent');
    } finally {
      await demo.dispose();
    }
  });
});
