// The preload exposes one function per operation and an event subscription, never ipcRenderer itself.
// Electron's modules are stood in for here: the Electron binary cannot run on this machine.
import { describe, expect, it, vi } from 'vitest';

import { OP_NAMES } from '../shared/contract.js';

const exposed: Record<string, Record<string, unknown>> = {};
const invoked: [string, ...unknown[]][] = [];
const listeners = new Map<string, (e: unknown, payload: unknown, from?: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => (
      invoked.push([channel, ...args]), { ok: true, value: null }
    ),
    on: (channel: string, fn: (e: unknown, p: unknown, from?: unknown) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload bridge', async () => {
  await import('./index.js');
  const bridge = exposed.bpfscope!;

  it('exposes window.bpfscope with exactly the contract operations plus onEvent', () => {
    expect(Object.keys(exposed)).toEqual(['bpfscope']);
    expect(Object.keys(bridge).sort()).toEqual([...OP_NAMES, 'onEvent', 'hostCall', 'onHostEvent', 'saveFile'].sort());
    for (const fn of Object.values(bridge)) expect(typeof fn).toBe('function');
  });

  it('sends each operation on its own channel with the request unchanged', async () => {
    await (bridge.mkdir as (r: unknown) => Promise<unknown>)({ path: 'tc/globals' });
    expect(invoked.at(-1)).toEqual(['bpfscope:mkdir', { path: 'tc/globals' }]);
  });

  it('delivers events to a subscriber until it unsubscribes', () => {
    const seen: unknown[] = [];
    const off = (bridge.onEvent as (l: (e: unknown) => void) => () => void)((e) => seen.push(e));
    listeners.get('bpfscope:event')!({}, { type: 'handles-changed' });
    expect(seen).toEqual([{ type: 'handles-changed' }]);
    off();
    expect(listeners.has('bpfscope:event')).toBe(false);
  });

  it('names the host of a call after its request, and hands a host its own events only', async () => {
    await (bridge.list as (r: unknown, h: string) => Promise<unknown>)({ path: '' }, 'command:agent');
    expect(invoked.at(-1)).toEqual(['bpfscope:list', { path: '' }, 'command:agent']);
    const seen: unknown[] = [];
    const off = (bridge.onEvent as (l: (e: unknown) => void, h: string) => () => void)((e) => seen.push(e), 'ssh:a');
    listeners.get('bpfscope:event')!({}, { type: 'handles-changed', n: 1 }, 'ssh:b');
    listeners.get('bpfscope:event')!({}, { type: 'handles-changed', n: 2 }, 'ssh:a');
    expect(seen).toEqual([{ type: 'handles-changed', n: 2 }]);
    off();
  });

  it('carries the host list on its own channels', async () => {
    await (bridge.hostCall as (op: string, r: unknown) => Promise<unknown>)('hostConnect', { id: 'ssh:a' });
    expect(invoked.at(-1)).toEqual(['bpfscope:hosts', 'hostConnect', { id: 'ssh:a' }]);
    const seen: unknown[] = [];
    const off = (bridge.onHostEvent as (l: (e: unknown) => void) => () => void)((e) => seen.push(e));
    listeners.get('bpfscope:host-event')!({}, { type: 'host-prompt-done', id: 3 });
    expect(seen).toEqual([{ type: 'host-prompt-done', id: 3 }]);
    off();
  });
});
