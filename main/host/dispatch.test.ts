// The host's dispatch(): what every transport runs. Real emulated engine, untrusted input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

let env: InProcessApi;
beforeEach(async () => (env = await createInProcessApi()));
afterEach(() => env.dispose());

const hashMap = { type: 'hash', name: 'flows', keySize: 4, valueSize: 8, maxEntries: 16, flags: [] };

describe('dispatch', () => {
  it.each([
    ['an unknown operation', 'rm_rf', {}],
    ['a request of the wrong type', 'list', 'tc'],
    ['a field of the wrong type', 'createMap', { ...hashMap, keySize: -1 }],
    ['an unknown map type', 'createMap', { ...hashMap, type: 'hashy' }],
    ['an extra field', 'unlink', { path: 'x', force: true }],
    ['odd-length hex', 'loadProgram', { type: 'xdp', name: 'p', insns: 'b7000', license: 'GPL' }],
  ])('rejects %s with EINVAL', async (_name, op, req) => {
    const r = await env.host.dispatch(op, req);
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL', errno: 22 } });
  });

  it.each([
    ['..', 'a/../b', 'EXDEV'],
    ['an absolute path', '/sys/fs/bpf/x', 'EXDEV'],
    ['a NUL byte', 'x\u0000y', 'EINVAL'],
  ])('refuses a path with %s and creates nothing', async (_name, path, code) => {
    const before = await env.engine.list('');
    const r = await env.host.dispatch('mkdir', { path });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(await env.engine.list('')).toEqual(before);
  });

  it('creates, pins and reads back a map through the table', async () => {
    const created = await env.host.dispatch('createMap', hashMap);
    expect(created.ok).toBe(true);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    expect(
      await env.host.dispatch('mapUpdate', { handle, key: '01000000', value: '2a00000000000000', flag: 'noexist' }),
    ).toEqual({ ok: true, value: null });
    expect(await env.host.dispatch('pin', { handle, path: 'flows' })).toEqual({ ok: true, value: null });
    const inspected = await env.host.dispatch('inspectPath', { path: 'flows' });
    expect(inspected).toMatchObject({
      ok: true,
      value: {
        entry: { kind: 'map' },
        info: { kind: 'map', keySize: 4 },
        pins: ['flows'],
        dump: { entries: [{ key: '01000000', value: '2a00000000000000' }] },
      },
    });
  });

  it('passes the engine errno through: a second update with noexist is EEXIST', async () => {
    const created = await env.host.dispatch('createMap', hashMap);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    const upd = { handle, key: '01000000', value: '0000000000000000', flag: 'noexist' };
    await env.host.dispatch('mapUpdate', upd);
    expect(await env.host.dispatch('mapUpdate', upd)).toMatchObject({
      ok: false,
      error: { code: 'EEXIST', errno: 17 },
    });
  });

  it('says whether unlinking frees the object', async () => {
    const created = await env.host.dispatch('createMap', hashMap);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    await env.host.dispatch('pin', { handle, path: 'a' });
    await env.host.dispatch('link', { from: 'a', to: 'b' });
    await env.host.dispatch('close', { handle });
    expect(await env.host.dispatch('unlinkImpact', { path: 'a' })).toMatchObject({
      ok: true,
      value: { freesObject: false, otherPins: ['b'] },
    });
    await env.host.dispatch('unlink', { path: 'b' });
    expect(await env.host.dispatch('unlinkImpact', { path: 'a' })).toMatchObject({
      ok: true,
      value: { freesObject: true, otherPins: [] },
    });
  });
});
