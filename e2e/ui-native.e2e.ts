// The same UI workflows on the native engine over a private bpffs, checked from outside with bpftool; and pins
// that bpftool makes or removes appear in and vanish from the tree without a reload.

import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';

import { defineUiWorkflows } from './flows/ui-workflows.js';
import type { AppPage } from './pages/app-page.js';
import { bpftoolAvailable, mapPinned, progPinned } from './support/bpftool.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, isGone, isVisible } from './support/ui-expect.js';

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`native e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('native engine', () => {
  const mounts: PrivateBpffs[] = [];
  const serveOnPrivateMount = async (): Promise<ServeProcess & { dir: string }> => {
    const m = await mountPrivateBpffs();
    mounts.push(m);
    return { ...(await startServe(['--engine', 'native', '--bpffs', m.dir])), dir: m.dir };
  };
  afterAll(async () => {
    for (const m of mounts) await m.cleanup();
  });

  let dir = '';
  defineUiWorkflows('UI workflows on the native engine, checked by bpftool', {
    start: async () => {
      const s = await serveOnPrivateMount();
      dir = s.dir;
      return s;
    },
    outside: {
      mapPinned: (p) => mapPinned(join(dir, p)),
      progPinned: (p) => progPinned(join(dir, p)),
    },
  });

  describe('changes made outside bpfscope', () => {
    const session = useAppSession(serveOnPrivateMount);
    let app: AppPage;
    let serve: ServeProcess & { dir: string };
    beforeAll(() => void ({ app, serve } = session));

    it('shows a map that bpftool creates and pins, without a reload', async () => {
      bpftoolMapCreate(join(serve.dir, 'outside'), { type: 'hash', name: 'from_bpftool' });
      await isVisible(app.row('outside'));
      await hasAttribute(app.row('outside'), 'aria-label', /^outside map hash id \d+/);
      const shown = await mapPinned(join(serve.dir, 'outside'));
      await expect(app.row('outside').getAttribute('aria-label')).resolves.toContain(`id ${shown!.id}`);
    });

    it('drops a pin that is removed outside, without a reload', async () => {
      const { rm } = await import('node:fs/promises');
      await rm(join(serve.dir, 'outside'));
      await isGone(app.row('outside'));
    });
  });
});
