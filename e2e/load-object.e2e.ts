// Dropping an ELF object file (compiled here from test/bpf/*.c) on a folder in Chromium, and the same through
// "Load object file…", on both engines; on native the pins are checked from outside with bpftool.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import type { AppPage } from './pages/app-page.js';
import { bpftoolAvailable, mapPinned, progPinned } from './support/bpftool.js';
import type { RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`load-object e2e skipped: ${noClang}`);
const noNative = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (noNative) console.warn(`load-object e2e on the native engine skipped: ${noNative}`);

/** Drags a file "from the desktop" onto a row: dragover (the row highlights), then drop. */
async function dropFile(app: AppPage, path: string, file: { name: string; bytes: Uint8Array }): Promise<void> {
  const row = app.row(path);
  const dataTransfer = await app.page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'application/x-object' }));
      return dt;
    },
    { name: file.name, b64: Buffer.from(file.bytes).toString('base64') },
  );
  await row.dispatchEvent('dragenter', { dataTransfer });
  await row.dispatchEvent('dragover', { dataTransfer });
  await hasAttribute(row, 'data-drop-target', 'true');
  await row.dispatchEvent('drop', { dataTransfer });
}

interface Outside {
  progType(path: string): Promise<string | undefined>;
  /** The program's name as bpftool shows it (the engine's own reading on emulated). */
  progName(path: string): Promise<string | undefined>;
  mapType(path: string): Promise<string | undefined>;
  names(folder: string): Promise<string[]>;
}

function defineLoadObjectSpecs(
  title: string,
  start: () => Promise<ServeProcess>,
  outside: (rpc: RpcConnection) => Outside,
  /** Whether failures carry libbpf's log (native). */
  hasLog: boolean,
): void {
  describe(title, () => {
    const session = useAppSession(start);
    let app: AppPage;
    let out: Outside;
    beforeAll(async () => {
      app = session.app;
      out = outside(session.rpc);
      for (const dir of ['drop', 'picked', 'broken', 'long', 'names']) await session.rpc.api.mkdir({ path: dir });
      await isVisible(app.row('names'));
    });

    it('a .o dropped on a folder loads and pins its programs and maps there', async () => {
      await dropFile(app, 'drop', { name: 'xdp_counter.o', bytes: compileBpf('xdp_counter').bytes });
      await hasText(
        app.notices,
        /Loaded xdp_counter\.o into drop\/: programs count_protocols \(xdp #\d+\), count_tc \(sched_cls #\d+\); maps proto_counts \(hash #\d+\)/,
      );
      await hasAttribute(app.row('drop/count_protocols'), 'aria-label', /^count_protocols prog xdp id \d+/);
      await isVisible(app.row('drop/tc_packets'));
      expect(await out.progType('drop/count_protocols')).toBe('xdp');
      expect(await out.progType('drop/count_tc')).toBe('sched_cls');
      expect(await out.mapType('drop/proto_counts')).toBe('hash');
      expect(await out.mapType('drop/tc_packets')).toBe('array');
    });

    it('"Load object file…" picks a file for the selected folder (the keyboard path)', async () => {
      await app.row('picked').click();
      const chooser = app.page.waitForEvent('filechooser');
      await app.action('Load object file…').click();
      await (await chooser).setFiles(compileBpf('xdp_counter').path);
      await hasText(app.notices, /Loaded xdp_counter\.o into picked\//);
      await isVisible(app.row('picked/count_tc'));
      expect(await out.progType('picked/count_tc')).toBe('sched_cls');
    });

    it('an object the verifier rejects says why, in a notice and the error dialog, and leaves the folder empty', async () => {
      await dropFile(app, 'broken', { name: 'rejected.o', bytes: compileBpf('rejected').bytes });
      await hasText(app.notices, /Loading rejected\.o into broken: .*R5 !read_ok/s);
      const dialog = app.dialog('Could not load rejected.o');
      await hasText(dialog.getByRole('alert'), /EACCES .*R5 !read_ok/s);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await isGone(dialog);
      expect(await out.names('broken')).toEqual([]);
    });

    it('a verifier log longer than 4 KB: the error dialog shows its last line, and copies all of it', async () => {
      await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await dropFile(app, 'long', { name: 'long_log.o', bytes: compileBpf('long_log').bytes });
      const dialog = app.dialog('Could not load long_log.o');
      await hasText(dialog.getByRole('alert'), /EACCES .*R5 !read_ok/s);
      if (hasLog) {
        const end = dialog.getByLabel('End of the log');
        await hasText(end, /R5 !read_ok\nprocessed 401 insns \(limit 1000000\)/);
        await hasText(dialog.getByRole('alert'), /processed 401 insns/);
        await dialog.getByRole('button', { name: 'Copy full log' }).click();
        await hasText(dialog.getByRole('status'), /Copied \d+ lines/);
        const copied = await app.page.evaluate(() => navigator.clipboard.readText());
        expect(copied.length).toBeGreaterThan(4096);
        expect(copied).toMatch(/BEGIN PROG LOAD LOG --\n[^]*\n0: \(b7\) r2 = 1[^]*R5 !read_ok\nprocessed 401 insns/);
      }
      await app.page.keyboard.press('Escape');
      await isGone(dialog);
      expect(await out.names('long')).toEqual([]);
    });

    it('programs with names longer than 15 characters show in full beside the kernel name', async () => {
      await dropFile(app, 'names', { name: 'long_names.o', bytes: compileBpf('long_names').bytes });
      await hasText(app.notices, /Loaded long_names\.o into names\/: programs trace_xdp_redirect \(xdp/);
      for (const name of ['trace_xdp_redirect', 'trace_xdp_redirect_err', 'trace_xdp_redirect_map_err']) {
        await hasText(app.row(`names/${name}`), new RegExp(`xdp #\\d+ ${name} \\(kernel: trace_xdp_redir\\)$`));
        expect(await out.progName(`names/${name}`)).toBe(name);
      }
    });
  });
}

describe.skipIf(noClang !== undefined)('load an ELF object file', () => {
  defineLoadObjectSpecs(
    'on the emulated engine',
    () => startServe(['--empty']),
    (rpc) => ({
      progType: async (p) =>
        rpc.api.pathInfo({ path: p }).then(
          (i) => (i.kind === 'prog' ? i.type : undefined),
          () => undefined,
        ),
      progName: async (p) =>
        rpc.api.pathInfo({ path: p }).then(
          (i) => (i.kind === 'prog' ? (i.fullName ?? i.name) : undefined),
          () => undefined,
        ),
      mapType: async (p) =>
        rpc.api.pathInfo({ path: p }).then(
          (i) => (i.kind === 'map' ? i.type : undefined),
          () => undefined,
        ),
      names: async (folder) => (await rpc.api.list({ path: folder })).map((e) => e.name),
    }),
    false,
  );

  describe.skipIf(noNative !== undefined)('native', () => {
    let mount: PrivateBpffs | undefined;
    afterAll(async () => {
      await mount?.cleanup();
    });
    defineLoadObjectSpecs(
      'on the native engine, checked by bpftool',
      async () => {
        mount = await mountPrivateBpffs();
        return startServe(['--engine', 'native', '--bpffs', mount.dir]);
      },
      () => ({
        progType: async (p) => (await progPinned(join(mount!.dir, p)))?.type,
        progName: async (p) => (await progPinned(join(mount!.dir, p)))?.name,
        mapType: async (p) => (await mapPinned(join(mount!.dir, p)))?.type,
        names: async (folder) => readdirSync(join(mount!.dir, folder)),
      }),
      true,
    );
  });
});
