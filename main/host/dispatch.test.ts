// The handler table behind dispatch(): what both transports run. Real emulated engine, untrusted input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import { dispatch } from './dispatch.js';
import { createHandlers, type HandlerTable } from './handlers.js';

let env: InProcessApi;
let handlers: HandlerTable;
beforeEach(async () => {
  env = await createInProcessApi();
  handlers = createHandlers(env.engine);
});
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
    const r = await dispatch(handlers, op, req);
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL', errno: 22 } });
  });

  it.each([
    ['..', 'a/../b', 'EXDEV'],
    ['an absolute path', '/sys/fs/bpf/x', 'EXDEV'],
    ['a NUL byte', 'x\u0000y', 'EINVAL'],
  ])('refuses a path with %s and creates nothing', async (_name, path, code) => {
    const before = await env.engine.list('');
    const r = await dispatch(handlers, 'mkdir', { path });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(await env.engine.list('')).toEqual(before);
  });

  it('creates, pins and reads back a map through the table', async () => {
    const created = await dispatch(handlers, 'createMap', hashMap);
    expect(created.ok).toBe(true);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    expect(
      await dispatch(handlers, 'mapUpdate', { handle, key: '01000000', value: '2a00000000000000', flag: 'noexist' }),
    ).toEqual({ ok: true, value: null });
    expect(await dispatch(handlers, 'pin', { handle, path: 'flows' })).toEqual({ ok: true, value: null });
    const inspected = await dispatch(handlers, 'inspectPath', { path: 'flows' });
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
    const created = await dispatch(handlers, 'createMap', hashMap);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    const upd = { handle, key: '01000000', value: '0000000000000000', flag: 'noexist' };
    await dispatch(handlers, 'mapUpdate', upd);
    expect(await dispatch(handlers, 'mapUpdate', upd)).toMatchObject({
      ok: false,
      error: { code: 'EEXIST', errno: 17 },
    });
  });

  it('says whether unlinking frees the object', async () => {
    const created = await dispatch(handlers, 'createMap', hashMap);
    const handle = created.ok ? (created.value as { handle: number }).handle : -1;
    await dispatch(handlers, 'pin', { handle, path: 'a' });
    await dispatch(handlers, 'link', { from: 'a', to: 'b' });
    await dispatch(handlers, 'close', { handle });
    expect(await dispatch(handlers, 'unlinkImpact', { path: 'a' })).toMatchObject({
      ok: true,
      value: { freesObject: false, otherPins: ['b'] },
    });
    await dispatch(handlers, 'unlink', { path: 'b' });
    expect(await dispatch(handlers, 'unlinkImpact', { path: 'a' })).toMatchObject({
      ok: true,
      value: { freesObject: true, otherPins: [] },
    });
  });
});
