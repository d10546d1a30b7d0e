// Saving a captured snapshot in Electron, with a recording stand-in for ipcMain (the Electron binary cannot run
// here): only our page may ask, only the path the save dialog chose is written, and a cancelled dialog writes nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { IPC_SAVE_FILE_CHANNEL_NAME } from '../../shared/channels.js';
import type { RpcResult } from '../../shared/contract.js';

import type { IpcRegistry } from './electron-ipc.js';
import { registerSaveFile } from './electron-save.js';

type Listener = (event: unknown, name: unknown, bytes: unknown) => Promise<RpcResult>;
const PAGE = 'file:///opt/bpfscope/dist/renderer/index.html';
const dir = mkdtempSync(join(tmpdir(), 'bpfscope-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function register(answer: (suggested: string) => string | undefined) {
  let handler: Listener | undefined;
  const asked: string[] = [];
  const ipc = {
    handle: (ch: string, fn: Listener) => void (ch === IPC_SAVE_FILE_CHANNEL_NAME && (handler = fn)),
    removeHandler: () => void (handler = undefined),
  } as unknown as IpcRegistry;
  registerSaveFile(ipc, async (s) => (asked.push(s), answer(s)), PAGE);
  const from = (url: string) => {
    const mainFrame = { url };
    return { senderFrame: mainFrame, sender: { mainFrame } };
  };
  return { save: (url: string, name: unknown, bytes: unknown) => handler!(from(url), name, bytes), asked };
}

describe('saving a snapshot in Electron', () => {
  it('writes the bytes where the dialog says, suggesting a name without folders', async () => {
    const target = join(dir, 'chosen.bpfsnap');
    const { save, asked } = register(() => target);
    const r = await save(PAGE, '../etc/web-7.bpfsnap', Uint8Array.of(1, 2, 3));
    expect(r).toEqual({ ok: true, value: target });
    expect(asked).toEqual(['..-etc-web-7.bpfsnap']);
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
  });

  it('writes nothing when the dialog is cancelled, and refuses another page', async () => {
    const { save, asked } = register(() => undefined);
    expect(await save(PAGE, 'x.bpfsnap', Uint8Array.of(1))).toEqual({ ok: true, value: null });
    const r = await save('https://evil.example/', 'x.bpfsnap', Uint8Array.of(1));
    expect(r).toMatchObject({ ok: false, error: { code: 'EACCES' } });
    expect(asked).toHaveLength(1);
    expect(existsSync(join(dir, 'x.bpfsnap'))).toBe(false);
  });

  it('says why a write failed, naming the errno', async () => {
    const { save } = register(() => join(dir, 'no-such-folder', 'x.bpfsnap'));
    const r = await save(PAGE, 'x', Uint8Array.of(1));
    expect(r).toMatchObject({ ok: false, error: { code: 'ENOENT', message: expect.stringMatching(/Cannot write/) } });
  });
});
