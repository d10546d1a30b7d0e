// @vitest-environment node
// The app store on a real agent (host connection, emulated engine in the child): when the agent is killed the
// store says so and what ended with it; Reconnect starts a new one and the window is read again.
import { describe, expect, it, onTestFinished, vi } from 'vitest';

import { startAgent } from '../../test/support/agent.js';

import { createAppStore } from './app-store.js';

describe('app store when its agent dies', { timeout: 60_000 }, () => {
  it('names the signal, says the handle is gone, and reloads after Reconnect', async () => {
    const agent = await startAgent({ args: ['--engine', 'emulated', '--empty'] });
    onTestFinished(() => agent.connection.dispose());
    const store = createAppStore({ api: agent.api, pollMs: 0 });
    onTestFinished(() => store.getState().dispose());
    await store.getState().init();
    expect(store.getState().connection).toMatchObject({ state: 'connected', via: 'direct' });

    const { api } = agent;
    await api.createMap({ type: 'hash', name: 'held', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    const pinned = await api.createMap({ type: 'hash', name: 'p', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    await api.pin({ handle: pinned.handle, path: 'p' });
    await api.close({ handle: pinned.handle });
    await api.mkdir({ path: 'made' });
    await vi.waitFor(() => expect(store.getState().children['']?.map((e) => e.name)).toContain('made'));
    await store.getState().refreshHandles();
    await store.getState().unlinkWithUndo('p');
    expect(store.getState().undos.map((u) => u.path)).toEqual(['p']);

    process.kill(agent.pid, 'SIGKILL');
    await vi.waitFor(() => expect(store.getState().connection?.state).toBe('disconnected'), { timeout: 10_000 });
    const s = store.getState();
    expect(s.connection?.reason).toBe('the agent exited: SIGKILL');
    expect(s.handles).toEqual([]);
    expect(s.notices).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'The agent exited: SIGKILL. With it, its 1 open handle closed.',
      }),
    );

    await store.getState().reconnect();
    expect(store.getState().connection?.state).toBe('connected');
    await vi.waitFor(() =>
      expect(store.getState().notices).toContainEqual(
        expect.objectContaining({ level: 'info', message: expect.stringMatching(/came back/) }),
      ),
    );
    // The new agent's emulated engine starts empty: the tree and the pins held for Undo are read as they are now.
    expect(store.getState().children['']?.map((e) => e.name)).not.toContain('made');
    expect(store.getState().undos).toEqual([]);
  });
});
