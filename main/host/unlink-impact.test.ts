// What the Unlink dialog and the details are told: other pins, bpfscope's handles, and other processes that hold
// the object; each asks for its one object, never for every object.
import { describe, expect, it, vi } from 'vitest';

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

  it('reads one object for the details and the Unlink dialog, the same as the full list says of it', async () => {
    const demo = await createInProcessApi({ demo: true });
    try {
      const all = await demo.engine.listObjects();
      const listAll = vi.spyOn(demo.engine, 'listObjects');
      for (const o of all) expect(await demo.engine.objectSummary(o.kind, o.id)).toEqual(o);
      const pinned = all.find((o) => o.pins.length === 2)!;
      const details = await demo.api.inspectPath({ path: pinned.pins[0]!, limit: 0 });
      expect(details.pins).toEqual(pinned.pins);
      const impact = await demo.api.unlinkImpact({ path: pinned.pins[0]! });
      expect(impact).toMatchObject({ otherPins: [pinned.pins[1]], freesObject: false });
      const pinOf = (kind: string): string =>
        all.find((o) => o.kind === kind && o.pins.length > 0 && !o.pins[0]!.endsWith('.debug'))!.pins[0]!;
      await demo.api.progDetails({ path: pinOf('prog') });
      await demo.api.linkDetails({ path: pinOf('link') });
      // The kernel's own iterator pins are shown for what they are, not opened.
      expect(await demo.api.inspectPath({ path: 'maps.debug', limit: 0 })).toMatchObject({
        entry: { kind: 'link', preloaded: 'maps' },
        pins: [],
      });
      expect(listAll).not.toHaveBeenCalled();
      expect(await demo.engine.objectSummary('map', 0x7ffffff0)).toBeUndefined();
    } finally {
      await demo.dispose();
    }
  });
});
