// What the Unlink dialog is told: other pins, bpfscope's handles, and other processes that hold the object.
import { describe, expect, it } from 'vitest';

import { createInProcessApi } from '../../test/support/in-process-api.js';

describe('unlink impact', () => {
  it('names the processes that keep an object alive, and then does not promise to free it', async () => {
    const demo = await createInProcessApi({ demo: true });
    try {
      const held = (await demo.api.listObjects({})).find((o) => o.pins.length === 0 && (o.holders ?? []).length > 0);
      expect(held).toBeDefined();
      const h = await demo.api.getById({ kind: held!.kind, id: held!.id, access: 'rw' });
      await demo.api.pin({ handle: h.handle, path: 'adopted' });
      await demo.api.close({ handle: h.handle });
      const impact = await demo.api.unlinkImpact({ path: 'adopted' });
      expect(impact.freesObject).toBe(false);
      expect(impact.holders.map((p) => p.comm)).toContain('cilium-agent');
    } finally {
      await demo.dispose();
    }
  });
});
