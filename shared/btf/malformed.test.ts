import { describe, expect, it } from 'vitest';

import { parseBtf } from './btf.js';
import { BtfBuilder } from './build.js';
import { decodeValue } from './decode.js';
import { btfFields } from './fields.js';
import { BtfError } from './types.js';

function sample(): Uint8Array {
  const b = new BtfBuilder();
  const u32 = b.addInt('u32', 4);
  b.addStruct('s', [{ name: 'a', type: u32 }]);
  return b.build();
}

function mutate(blob: Uint8Array, f: (v: DataView, b: Uint8Array) => void): Uint8Array {
  const copy = blob.slice();
  f(new DataView(copy.buffer), copy);
  return copy;
}

/** The BtfError a blob gives, for checking its offset and message. */
function errorOf(blob: Uint8Array): BtfError {
  try {
    parseBtf(blob);
  } catch (e) {
    if (e instanceof BtfError) return e;
    throw e;
  }
  throw new Error('the blob parsed');
}

describe('malformed BTF', () => {
  it('a truncated header says how many bytes it needs', () => {
    const e = errorOf(sample().subarray(0, 10));
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/needs 24 bytes, the blob has 10/);
    expect(e.code).toBe('EINVAL');
  });

  it('a wrong magic or version is refused', () => {
    expect(errorOf(mutate(sample(), (v) => v.setUint16(0, 0x9feb, true))).message).toMatch(/magic is 0x9feb/);
    expect(
      errorOf(
        mutate(sample(), (_v, b) => {
          b[2] = 2;
        }),
      ).offset,
    ).toBe(2);
  });

  it('type_len past the end of the blob is refused, naming the section', () => {
    const e = errorOf(mutate(sample(), (v) => v.setUint32(12, 4096, true)));
    expect(e.offset).toBe(12);
    expect(e.message).toMatch(/type section .* runs past the end/);
  });

  it('a type cut off in the middle gives the offset of the missing field', () => {
    const blob = sample();
    const typeLen = new DataView(blob.buffer).getUint32(12, true);
    // Shorten type_len by 4: the struct's member offset is now outside the type section.
    const e = errorOf(
      mutate(blob, (v) => {
        v.setUint32(12, typeLen - 4, true);
      }),
    );
    expect(e.message).toMatch(/runs past the end of the type section|overlap/);
  });

  it('a name offset past the string section is refused', () => {
    const e = errorOf(mutate(sample(), (v) => v.setUint32(24, 9999, true)));
    expect(e.offset).toBe(24);
    expect(e.message).toMatch(/name offset 9999 is past the string section/);
  });

  it('a string section that does not end in NUL is refused', () => {
    const blob = sample();
    expect(
      errorOf(
        mutate(blob, (_v, b) => {
          b[b.length - 1] = 0x41;
        }),
      ).message,
    ).toMatch(/must end with a NUL/);
  });

  it('an unknown kind and a reference to a missing type are refused', () => {
    expect(errorOf(mutate(sample(), (v) => v.setUint32(28, 31 << 24, true))).message).toMatch(/unknown kind 31/);
    const b = new BtfBuilder();
    b.addPtr(b.addInt('u8', 1));
    const blob = b.build();
    // The ptr (second type, at 24 + 16) points at id 77.
    const e = errorOf(mutate(blob, (v) => v.setUint32(24 + 16 + 8, 77, true)));
    expect(e.message).toMatch(/type id 77 does not exist/);
  });

  it('a typedef cycle is an error, not a hang', () => {
    const b = new BtfBuilder();
    const u8 = b.addInt('u8', 1);
    const a = b.addTypedef('a_t', u8);
    b.addConst(a);
    const blob = b.build();
    // Point typedef a_t (type 2, at 24 + 16) at the const (type 3): a_t -> const -> a_t.
    const e = errorOf(mutate(blob, (v) => v.setUint32(24 + 16 + 8, 3, true)));
    expect(e.message).toMatch(/refers back to itself through 2 -> 3 -> 2/);
  });

  it('a struct that contains itself by value is an error when decoded, not an endless recursion', () => {
    const b = new BtfBuilder();
    const u32 = b.addInt('u32', 4);
    const s = b.addStruct('loop', [
      { name: 'a', type: u32 },
      { name: 'b', type: u32 },
    ]);
    const blob = b.build();
    // Point both members (at 24 + 16 + 12 + 4 and + 12 more) at the struct itself.
    const bad = mutate(blob, (v) => {
      v.setUint32(24 + 28 + 4, s, true);
      v.setUint32(24 + 28 + 16, s, true);
    });
    const btf = parseBtf(bad);
    expect(() => decodeValue(btf, s, new Uint8Array(8))).toThrow(/struct loop contains itself/);
    expect(() => btfFields(btf, s, 'value')).toThrow(/struct loop contains itself/);
  });

  it('an int wider than its size is refused', () => {
    const blob = sample();
    expect(errorOf(mutate(blob, (v) => v.setUint32(24 + 12, 40, true))).message).toMatch(/bits 40 do not fit/);
  });

  it('random garbage never crashes or hangs: it parses or gives BtfError', () => {
    const base = sample();
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const blob = base.slice();
      for (let k = 0; k < 3; k++) blob[24 + rand(blob.length - 24)] = rand(256);
      try {
        parseBtf(blob);
      } catch (e) {
        expect(e).toBeInstanceOf(BtfError);
      }
    }
  });
});
