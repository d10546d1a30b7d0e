// Programs that use maps, with the answers Linux 6.18 gives for the same instructions (probed with raw bpf(2)).
import { describe, expect, it } from 'vitest';

import { createEmulatedEngine } from './index.js';

const hex = (...parts: string[]): Uint8Array => Uint8Array.from(Buffer.from(parts.join(''), 'hex'));
const le32 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b.toString('hex');
};
/** r1 = map (ld_imm64 src 1), and the same with src 2 (the value's address) and an offset. */
const ldMap = (reg: number, h: number): string => `18${(0x10 | reg).toString(16)}0000${le32(h)}0000000000000000`;
const ldValue = (h: number, off: number): string => `18210000${le32(h)}00000000${le32(off)}`;
// *(u32 *)(r10 - 4) = 0; r2 = r10; r2 += -4: a constant key 0 on the stack.
const KEY = '620afcff00000000bfa200000000000007020000fcffffff';
const LOOKUP = '8500000001000000';
const NULL_CHECK = '1500010000000000';
const RET0 = 'b7000000000000009500000000000000';

async function load(mapType: 'array' | 'hash' | 'ringbuf' | 'prog_array', insns: (h: number) => Uint8Array) {
  const e = createEmulatedEngine({ demo: false, possibleCpus: 2 });
  const ringbuf = mapType === 'ringbuf';
  const m = await e.createMap({
    type: mapType,
    name: 'm',
    keySize: ringbuf ? 0 : 4,
    valueSize: ringbuf ? 0 : mapType === 'prog_array' ? 4 : 8,
    maxEntries: ringbuf ? 4096 : 4,
    flags: [],
  });
  return e.loadProgram({ type: 'socket_filter', name: 'p', insns: insns(m.handle), license: 'GPL' }).then(
    async (p) => ({ ok: (await e.objectInfo(p.handle)) as { verifiedInsns: number } }),
    (err: { code: string }) => ({ code: err.code }),
  );
}

describe('programs with maps', () => {
  it('an array lookup with a constant key in range needs no NULL check', async () => {
    const r = await load('array', (h) => hex(ldMap(1, h), KEY, LOOKUP, '7900000000000000', RET0));
    expect(r).toEqual({ ok: expect.objectContaining({ verifiedInsns: 8 }) });
  });
  it('a hash lookup does: reading the result unchecked is EACCES', async () => {
    expect(await load('hash', (h) => hex(ldMap(1, h), KEY, LOOKUP, '7900000000000000', RET0))).toEqual({
      code: 'EACCES',
    });
  });
  it('after the NULL check the value can be read, but not past value_size (EACCES)', async () => {
    const read = (off: string) => (h: number) => hex(ldMap(1, h), KEY, LOOKUP, NULL_CHECK, `7900${off}00000000`, RET0);
    expect(await load('hash', read('0000'))).toHaveProperty('ok');
    expect(await load('array', read('0800'))).toEqual({ code: 'EACCES' });
  });
  it('a key reaching past the frame pointer is EINVAL, a ringbuf key of size 0 EACCES', async () => {
    const key2 = (h: number) => hex(ldMap(1, h), 'bfa200000000000007020000feffffff', LOOKUP, RET0);
    expect(await load('array', key2)).toEqual({ code: 'EINVAL' });
    expect(await load('ringbuf', (h) => hex(ldMap(1, h), KEY, LOOKUP, RET0))).toEqual({ code: 'EACCES' });
  });
  it('map pointers allow no arithmetic (EACCES); tail calls need a prog array (EINVAL)', async () => {
    expect(await load('array', (h) => hex(ldMap(1, h), '0701000008000000', RET0))).toEqual({ code: 'EACCES' });
    const tail = (h: number) => hex(ldMap(2, h), 'b703000000000000', '850000000c000000', RET0);
    expect(await load('array', tail)).toEqual({ code: 'EINVAL' });
    expect(await load('prog_array', tail)).toHaveProperty('ok');
  });
  it('a value address (ld_imm64 src 2) needs a single-element array: 524 for four elements', async () => {
    expect(await load('array', (h) => hex(ldValue(h, 0), '7910000000000000', '9500000000000000'))).toEqual({
      code: 'ENOTSUPP',
    });
    expect(await load('hash', (h) => hex(ldValue(h, 0), '7910000000000000', '9500000000000000'))).toEqual({
      code: 'EINVAL',
    });
  });
});
