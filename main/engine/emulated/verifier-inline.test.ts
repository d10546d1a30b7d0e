// Map lookups the kernel inlines and frozen read-only values it reads, with the xlated lengths and errnos Linux 6.18
// gives for the same instructions (probed with raw bpf(2); the corpus test compares the same on real objects).
import { describe, expect, it } from 'vitest';

import type { MapTypeName } from '../../../shared/bpf/types.js';
import type { ProgInfo } from '../../../shared/engine.js';

import { createEmulatedEngine } from './index.js';

const ins = (code: number, dst = 0, src = 0, off = 0, imm = 0): Buffer => {
  const b = Buffer.alloc(8);
  b[0] = code;
  b[1] = (src << 4) | dst;
  b.writeInt16LE(off, 2);
  b.writeInt32LE(imm, 4);
  return b;
};
/** *(u64 *)(r10 -8) = 0; r2 = &key; r1 = map; call bpf_map_lookup_elem. */
const lookup = (map: number): Buffer[] => [
  ins(0x7a, 10, 0, -8, 0),
  ins(0xbf, 2, 10),
  ins(0x07, 2, 0, 0, -8),
  ins(0x18, 1, 1, 0, map),
  ins(0),
  ins(0x85, 0, 0, 0, 1),
];
const RET0 = [ins(0xb7), ins(0x95)];

async function xlatedInsns(type: MapTypeName, keySize: number, times: number): Promise<number> {
  const e = createEmulatedEngine({ demo: false, possibleCpus: 2 });
  const inner = type.endsWith('of_maps')
    ? (await e.createMap({ type: 'array', name: 'in', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] })).handle
    : undefined;
  const flags = type === 'lpm_trie' ? ['no_prealloc'] : [];
  const valueSize = inner === undefined ? 8 : 4;
  const m = await e.createMap({ type, name: 'm', keySize, valueSize, maxEntries: 5, flags, innerHandle: inner });
  const insns = Buffer.concat([...Array.from({ length: times }, () => lookup(m.handle)).flat(), ...RET0]);
  const p = await e.loadProgram({ type: 'socket_filter', name: 'p', insns, license: 'GPL' });
  return ((await e.objectInfo(p.handle)) as ProgInfo).xlatedLen / 8;
}

describe('bpf_map_lookup_elem inlined per map type', () => {
  // [type, key size, xlated instructions for one lookup, for two]: 8 and 14 when the call stays a call.
  const cases: [MapTypeName, number, number, number][] = [
    ['array', 4, 14, 26],
    ['percpu_array', 4, 16, 30],
    ['hash', 6, 10, 18],
    ['lru_hash', 4, 13, 24],
    ['percpu_hash', 4, 12, 22],
    ['lru_percpu_hash', 4, 8, 14],
    ['array_of_maps', 4, 16, 30],
    ['hash_of_maps', 4, 11, 20],
    ['lpm_trie', 8, 8, 14],
  ];
  for (const [type, keySize, once, twice] of cases) {
    it(`${type}: ${once} instructions for one lookup, ${twice} for two`, async () => {
      expect(await xlatedInsns(type, keySize, 1)).toBe(once);
      expect(await xlatedInsns(type, keySize, 2)).toBe(twice);
    });
  }
});

describe('reads of a frozen read-only array', () => {
  /** Looks up key 0, reads its first u32 (5), and reads an unset register unless that value is 5. */
  async function load(maxEntries: number, frozen: boolean, flags: string[]): Promise<string> {
    const e = createEmulatedEngine({ demo: false, possibleCpus: 2 });
    const m = await e.createMap({ type: 'array', name: 'ro', keySize: 4, valueSize: 8, maxEntries, flags });
    await e.mapUpdate(m.handle, new Uint8Array(4), Uint8Array.of(5, 0, 0, 0, 0, 0, 0, 0), 'any');
    if (frozen) await e.mapFreeze(m.handle);
    const body = [ins(0x61, 1, 0, 0), ins(0xb7), ins(0x15, 1, 0, 1, 5), ins(0x79, 0, 9, 0), ins(0x95)];
    // A u32 key 0 on the stack: an array lookup that cannot fail.
    const key = [ins(0x62, 10, 0, -4, 0), ins(0xbf, 2, 10), ins(0x07, 2, 0, 0, -4)];
    const insns = Buffer.concat([...key, ...lookup(m.handle).slice(3), ...body]);
    return e.loadProgram({ type: 'socket_filter', name: 'p', insns, license: 'GPL' }).then(
      async (p) => `xlated ${((await e.objectInfo(p.handle)) as ProgInfo).xlatedLen / 8}`,
      (err: { code: string }) => err.code,
    );
  }
  it('are constants: the branch on them is decided and its dead code dropped', async () => {
    expect(await load(1, true, ['rdonly_prog'])).toBe('xlated 15');
  });
  it('are unknown before the freeze or without BPF_F_RDONLY_PROG (EACCES: the unset register is read)', async () => {
    expect(await load(1, false, ['rdonly_prog'])).toBe('EACCES');
    expect(await load(1, true, [])).toBe('EACCES');
  });
  it('of an array with more than one entry have no direct address (ENOTSUPP)', async () => {
    expect(await load(2, true, ['rdonly_prog'])).toBe('ENOTSUPP');
  });
});
