// Thirty-odd refusals, file system and map operations, on both engines: each message and hint reads the same.
import type { HandleInfo, PinStore } from '../../shared/engine.js';

import { le32, nativeSkipReason, newHash, RETURN_ZERO, useNativeEngine } from '../../test/support/native-env.js';

import { createEmulatedEngine, hostPossibleCpus } from './emulated/index.js';

const why = nativeSkipReason('refusal-text.native.test.ts');

/** The message and hint of the refusal `run` ends in, or a note that nothing was refused. */
const message = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no refusal',
    (e: Error & { hint?: string }) => `${e.message} | hint: ${e.hint ?? 'none'}`,
  );

const pinnedHash = async (s: PinStore, path = 'm'): Promise<HandleInfo> => {
  const h = await newHash(s);
  await s.pin(h.handle, path);
  return h;
};
const array = (s: PinStore) =>
  s.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 8, maxEntries: 2, flags: [] });
const V = new Uint8Array(8);

const refusals: [string, string, (s: PinStore) => Promise<unknown>][] = [
  ['ENOENT', 'stat of a missing path', (s) => s.stat('nothing/here')],
  ['ENOENT', 'get of a missing pin', (s) => s.get('nothing', 'rw')],
  ['EEXIST', 'mkdir of a taken name', (s) => s.mkdir('d').then(() => s.mkdir('d'))],
  ['ENOTDIR', 'mkdir under a pin', (s) => pinnedHash(s).then(() => s.mkdir('m/x'))],
  ['EPERM', 'unlink of a preloaded iterator pin', (s) => s.unlink('maps.debug')],
  ['EPERM', 'rename of a preloaded iterator pin', (s) => s.rename('maps.debug', 'elsewhere')],
  ['EPERM', 'mkdir of a dotted name', (s) => s.mkdir('a.b')],
  ['EACCES', 'get of a folder', (s) => s.mkdir('d').then(() => s.get('d', 'ro'))],
  [
    'ENOTEMPTY',
    'rmdir of a folder with a pin',
    (s) => s.mkdir('d').then(() => pinnedHash(s, 'd/m').then(() => s.rmdir('d'))),
  ],
  [
    'EEXIST',
    'link onto a taken name',
    (s) => pinnedHash(s).then(() => pinnedHash(s, 'n').then(() => s.link('m', 'n'))),
  ],
  [
    'EEXIST',
    'rename noreplace onto a taken name',
    (s) => pinnedHash(s).then(() => pinnedHash(s, 'n').then(() => s.rename('m', 'n', { noreplace: true }))),
  ],
  [
    'EINVAL',
    'rename with noreplace and exchange',
    (s) => pinnedHash(s).then(() => s.rename('m', 'n', { noreplace: true, exchange: true })),
  ],
  [
    'E2BIG',
    'a hash with a 4 MiB key',
    (s) => s.createMap({ type: 'hash', name: 'h', keySize: 4 << 20, valueSize: 4, maxEntries: 8, flags: [] }),
  ],
  [
    'EINVAL',
    'a hash with an array-only flag',
    (s) => s.createMap({ type: 'hash', name: 'h', keySize: 4, valueSize: 4, maxEntries: 8, flags: ['mmapable'] }),
  ],
  [
    'EINVAL',
    'a program without instructions of 8 bytes',
    (s) => s.loadProgram({ type: 'socket_filter', name: 'p', insns: RETURN_ZERO.subarray(0, 12), license: 'GPL' }),
  ],
  [
    'EBADF',
    'a lookup through a closed handle',
    (s) =>
      newHash(s).then(async (h) => {
        await s.close(h.handle);
        return s.mapLookup(h.handle, le32(1));
      }),
  ],
  ['ENOENT', 'a lookup of a missing key', (s) => pinnedHash(s).then((h) => s.mapLookup(h.handle, le32(1)))],
  [
    'EEXIST',
    'a NOEXIST update of a present key',
    (s) =>
      pinnedHash(s).then(async (h) => {
        await s.mapUpdate(h.handle, le32(1), V, 'any');
        return s.mapUpdate(h.handle, le32(1), V, 'noexist');
      }),
  ],
  [
    'E2BIG',
    'an array update beyond max_entries',
    (s) => array(s).then((h) => s.mapUpdate(h.handle, le32(7), V, 'any')),
  ],
  [
    'EPERM',
    'an update through a read-only handle',
    (s) =>
      pinnedHash(s)
        .then(() => s.get('m', 'ro'))
        .then((g) => s.mapUpdate(g.handle, le32(1), V, 'any')),
  ],
  [
    'EPERM',
    'an update of a frozen map',
    (s) =>
      pinnedHash(s).then(async (h) => {
        await s.mapFreeze(h.handle);
        return s.mapUpdate(h.handle, le32(1), V, 'any');
      }),
  ],
  ['EINVAL', 'a key of the wrong size', (s) => pinnedHash(s).then((h) => s.mapLookup(h.handle, new Uint8Array(3)))],
  [
    'EINVAL',
    'a value of the wrong size',
    (s) => pinnedHash(s).then((h) => s.mapUpdate(h.handle, le32(1), new Uint8Array(3), 'any')),
  ],
  [
    'EINVAL',
    'a lookup through a program handle',
    (s) =>
      s
        .loadProgram({ type: 'socket_filter', name: 'p', insns: RETURN_ZERO, license: 'GPL' })
        .then((p) => s.mapLookup(p.handle, le32(1))),
  ],
  [
    'EINVAL',
    'a read-only get of a map by bad file flags',
    (s) => pinnedHash(s).then(() => s.get('m', 'rw', { fileFlags: 3 << 3 })),
  ],
  ['ENOENT', 'a get of a freed id', (s) => s.getById('map', 0x7ffffff0, 'rw')],
  ['EBUSY', 'rmdir of the mount root', (s) => s.rmdir('')],
  ['EEXIST', 'a noreplace rename of the mount root onto itself', (s) => s.rename('', '', { noreplace: true })],
  ['EXDEV', 'a rename of the mount root', (s) => s.rename('', 'x')],
  [
    'EINVAL',
    'a map with a dash in its name',
    (s) => s.createMap({ type: 'hash', name: 'x-y', keySize: 4, valueSize: 4, maxEntries: 8, flags: [] }),
  ],
  [
    'EINVAL',
    'a program with a dash in its name',
    (s) => s.loadProgram({ type: 'socket_filter', name: 'x-y', insns: RETURN_ZERO, license: 'GPL' }),
  ],
  ['EINVAL', 'the instructions of a map', (s) => newHash(s).then((h) => s.progXlated(h.handle))],
];

describe.skipIf(why !== undefined)('a refusal reads the same on both engines', () => {
  const env = useNativeEngine();
  it('has a varied set of refusals', () => {
    expect(refusals.length).toBeGreaterThanOrEqual(15);
    expect(new Set(refusals.map(([code]) => code)).size).toBeGreaterThanOrEqual(9);
  });
  it.each(refusals)('%s: %s', async (code, _what, run) => {
    const emulated = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: hostPossibleCpus() });
    try {
      const native = await message(run(env.engine));
      expect(native).toContain(`(${code}).`);
      expect(await message(run(emulated))).toBe(native);
    } finally {
      await emulated.dispose();
    }
  });
});
