// serve with many hosts: /rpc?host=ID reaches that host's own engine, /rpc alone the primary one, /hosts is the
// host list's control channel; all behind the same token and Origin checks, and an unknown host is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { HostEvent } from '../../shared/hosts.js';

import { connectRpc } from '../../e2e/support/rpc.js';
import { openHost } from '../host-connection/open-host.js';
import { hostControl } from '../hosts/control.js';
import { hostsFile } from '../hosts/persist.js';
import { HostRegistry } from '../hosts/registry.js';
import { type RunningWebServer, startWebServer } from './web-server.js';

let registry: HostRegistry;
let server: RunningWebServer;
let dir: string;
let origin: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpfscope-ws-hosts-'));
  registry = new HostRegistry({
    primary: 'emulated',
    openLocal: (engine) => openHost({ engine, bpffs: '/nonexistent', empty: true, port: 0, host: '127.0.0.1' }, {}),
    file: hostsFile(dir),
  });
  await registry.start();
  server = await startWebServer({
    rpc: registry.link(registry.primary)!,
    hosts: { link: (id) => registry.link(id), control: hostControl(registry) },
    rendererDir: tmpdir(),
  });
  origin = `http://127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await server.close();
  await registry.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('web server: many hosts', () => {
  it('routes each host to its own engine and refuses unknown hosts and missing tokens', async () => {
    const primary = await connectRpc(origin, server.token, origin);
    const same = await connectRpc(origin, server.token, origin, '/rpc?host=local%3Aemulated');
    await primary.api.mkdir({ path: 'on-primary' });
    expect((await same.api.list({ path: '' })).map((e) => e.name)).toContain('on-primary');
    // This computer's native engine is not connected: calls say so instead of reaching another host.
    const native = await connectRpc(origin, server.token, origin, '/rpc?host=local%3Anative');
    await expect(native.api.list({ path: '' })).rejects.toMatchObject({ code: 'ENOTCONN' });
    expect(await native.api.connectionStatus({})).toMatchObject({ state: 'disconnected', reason: 'not connected yet' });

    await expect(connectRpc(origin, server.token, origin, '/rpc?host=ssh%3Anowhere')).rejects.toThrow('HTTP 404');
    await expect(connectRpc(origin, 'wrong-token', origin, '/hosts')).rejects.toThrow('HTTP 403');
    await expect(connectRpc(origin, server.token, 'http://evil.example', '/hosts')).rejects.toThrow('HTTP 403');
    for (const c of [primary, same, native]) c.close();
  });

  it('serves the host list: list, add (validated), events to every window', async () => {
    const control = await connectRpc(origin, server.token, origin, '/hosts');
    const call = (id: number, op: string, req: unknown) => control.raw({ id, op, req }, id);
    const listed = await call(1, 'hostList', {});
    expect(listed).toMatchObject({ ok: true, value: { primary: 'local:emulated' } });
    const bad = await call(2, 'hostAdd', { spec: { kind: 'ssh', destination: '-oProxyCommand=x' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'EINVAL', message: expect.stringContaining('not an option') },
    });
    const unknown = await call(3, 'hostExec', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    const added = await call(4, 'hostAdd', { spec: { kind: 'ssh', destination: 'db1', port: 2222 } });
    expect(added).toMatchObject({ ok: true, value: { id: 'ssh:db1:2222', source: 'saved', state: { state: 'idle' } } });
    await expect
      .poll(() => (control.events as unknown as HostEvent[]).some((e) => e.type === 'hosts-changed'))
      .toBe(true);
    const removed = await call(5, 'hostRemove', { id: 'local:native' });
    expect(removed).toMatchObject({ ok: false, error: { code: 'EPERM' } });
    control.close();
  });
});
