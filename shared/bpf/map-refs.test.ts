import { describe, expect, it } from 'vitest';

import { nextIdStartProblem, patchMapRefs } from './map-refs.js';

const LD_MAP_RET0 = Uint8Array.from(
  Buffer.from('18110000000000000000000000000000b7000000000000009500000000000000', 'hex'),
);

describe('patchMapRefs', () => {
  it('sets the imm of each named instruction and leaves the program it was given alone', () => {
    const out = patchMapRefs(LD_MAP_RET0, [{ insn: 0, handle: 7 }], (h) => h * 2);
    expect(Buffer.from(out.subarray(0, 8)).toString('hex')).toBe('181100000e000000');
    expect(Buffer.from(out.subarray(8)).equals(Buffer.from(LD_MAP_RET0.subarray(8)))).toBe(true);
    expect(LD_MAP_RET0[4]).toBe(0);
  });
  it('writes a closed fd as -1', () => {
    const out = patchMapRefs(LD_MAP_RET0, [{ insn: 0, handle: 3 }], () => -1);
    expect(Buffer.from(out.subarray(4, 8)).toString('hex')).toBe('ffffffff');
  });
  it('refuses an instruction index past the program with EINVAL', () => {
    expect(() => patchMapRefs(LD_MAP_RET0, [{ insn: 4, handle: 1 }], (h) => h)).toThrow(
      expect.objectContaining({ code: 'EINVAL' }),
    );
  });
});

describe('nextIdStartProblem', () => {
  it('allows 0 up to INT_MAX - 1 and refuses INT_MAX and above', () => {
    expect(nextIdStartProblem(0)).toBeUndefined();
    expect(nextIdStartProblem(0x7ffffffe)).toBeUndefined();
    expect(nextIdStartProblem(0x7fffffff)).toMatch(/below 2147483647/);
    expect(nextIdStartProblem(0xffffffff)).toMatch(/below 2147483647/);
  });
});
