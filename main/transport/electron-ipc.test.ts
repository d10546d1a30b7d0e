// The Electron transport with a recording stand-in for ipcMain (the Electron binary cannot run here),
// in front of the real host and the real emulated engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { IPC_PREFIX, OP_NAMES, type RpcResult } from '../../shared/contract.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import { ClientResources } from '../host/client-resources.js';
import { type IpcRegistry, registerHostControl, registerIpcHandlers } from './electron-ipc.js';

type Listener = (event: unknown, req: unknown, more?: unknown) => Promise<RpcResult>;
const PAGE = 'file:///opt/bpfscope/dist/renderer/index.html';

function recordingIpc() {
  const channels = new Map<string, Listener>();
  const ipc = {
    handle: (ch: string, fn: Listener) => void channels.set(ch, fn),
    removeHandler: (ch: string) => void channels.delete(ch),
  } as unknown as IpcRegistry;
  return { ipc, channels };
}

function eventFrom(url: string, opts: { subframe?: boolean } = {}) {
  const mainFrame = { url };
  const senderFrame = opts.subframe ? { url } : mainFrame;
  return { senderFrame, sender: { mainFrame } };
}

let env: InProcessApi;
beforeEach(async () => (env = await createInProcessApi()));
afterEach(() => env.dispose());

describe('Electron IPC transport', () => {
  it('registers exactly one channel per contract operation, and removes them all', () => {
    const { ipc, channels } = recordingIpc();
    const off = registerIpcHandlers(ipc, new ClientResources(env.host), PAGE);
    expect([...channels.keys()].sort()).toEqual(OP_NAMES.map((op) => IPC_PREFIX + op).sort());
    off();
    expect(channels.size).toBe(0);
  });

  it('runs a call from our page on the engine', async () => {
    const { ipc, channels } = recordingIpc();
    registerIpcHandlers(ipc, new ClientResources(env.host), PAGE);
    const r = await channels.get(`${IPC_PREFIX}mkdir`)!(eventFrom(`${PAGE}?x=1`), { path: 'tc' });
    expect(r).toEqual({ ok: true, value: null });
    expect((await env.engine.stat('tc')).kind).toBe('dir');
  });

  it.each([
    ['another page', eventFrom('https://evil.example/')],
    ['an iframe of our page', eventFrom(PAGE, { subframe: true })],
    ['a destroyed frame', { senderFrame: null, sender: { mainFrame: null } }],
  ])('refuses a call from %s with EACCES and changes nothing', async (_n, event) => {
    const { ipc, channels } = recordingIpc();
    registerIpcHandlers(ipc, new ClientResources(env.host), PAGE);
    const r = await channels.get(`${IPC_PREFIX}mkdir`)!(event, { path: 'tc' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('EACCES');
    await expect(env.engine.stat('tc')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers a malformed request with EINVAL instead of throwing', async () => {
    const { ipc, channels } = recordingIpc();
    registerIpcHandlers(ipc, new ClientResources(env.host), PAGE);
    const r = await channels.get(`${IPC_PREFIX}createMap`)!(eventFrom(PAGE), { type: 'hash', keySize: 'four' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'EINVAL', errno: 22 });
  });

  it('routes a call that names a host to that host, and refuses a host not in the list', async () => {
    const other = await createInProcessApi();
    try {
      const { ipc, channels } = recordingIpc();
      const hosts = new Map([['command:x', new ClientResources(other.host)]]);
      registerIpcHandlers(ipc, new ClientResources(env.host), PAGE, (id) => hosts.get(id));
      const mkdir = channels.get(`${IPC_PREFIX}mkdir`)!;
      expect(await mkdir(eventFrom(PAGE), { path: 'there' }, 'command:x')).toEqual({ ok: true, value: null });
      expect((await other.engine.stat('there')).kind).toBe('dir');
      await expect(env.engine.stat('there')).rejects.toMatchObject({ code: 'ENOENT' });
      const r = await mkdir(eventFrom(PAGE), { path: 'x' }, 'ssh:unknown');
      expect(r).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
    } finally {
      await other.dispose();
    }
  });

  it('serves the host list to our page only', async () => {
    const { ipc, channels } = recordingIpc();
    const calls: unknown[] = [];
    const control = {
      call: async (op: unknown, req: unknown): Promise<RpcResult> => (calls.push([op, req]), { ok: true, value: null }),
      subscribe: () => () => undefined,
      pending: () => [],
    };
    const off = registerHostControl(ipc, control, PAGE);
    const hosts = channels.get('bpfscope:hosts')!;
    expect(await hosts(eventFrom(PAGE), 'hostList', {})).toEqual({ ok: true, value: null });
    expect(await hosts(eventFrom('https://evil.example/'), 'hostAdd', {})).toMatchObject({ ok: false });
    expect(calls).toEqual([['hostList', {}]]);
    off();
    expect(channels.has('bpfscope:hosts')).toBe(false);
  });
});
