// The WebSocket frame codec: typed arrays cross as bytes (binary frames) and come back as the same kinds.
import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame, MAX_ZERO_BYTES, wireZeros } from './wire-codec.js';

describe('wire codec', () => {
  it('sends plain values as JSON text', () => {
    const frame = encodeFrame({ id: 1, ok: true, value: ['a', 2, null] });
    expect(typeof frame).toBe('string');
    expect(decodeFrame(frame)).toEqual({ id: 1, ok: true, value: ['a', 2, null] });
  });

  it("decodes a frame that starts at an odd offset of a Node Buffer (an agent's stdout chunk)", () => {
    const frame = encodeFrame({ id: 3, value: { rates: Float64Array.from([1.5, -2]) } }) as Uint8Array;
    const chunk = Buffer.alloc(frame.byteLength + 3);
    chunk.set(frame, 3);
    const inside = chunk.subarray(3);
    expect(inside.byteOffset % 8).not.toBe(0);
    expect(decodeFrame(inside)).toEqual({ id: 3, value: { rates: Float64Array.from([1.5, -2]) } });
  });

  it('decodes repeated arrays from a Node Buffer chunk as arrays of their own', () => {
    const values = Uint8Array.from({ length: 4_000 }, (_, i) => i % 251);
    const frame = encodeFrame({ values, baseValues: values.slice(), wide: Float64Array.from([0.5]) }) as Uint8Array;
    const chunk = Buffer.alloc(frame.byteLength + 5);
    chunk.set(frame, 5);
    const back = decodeFrame(chunk.subarray(5)) as { values: Uint8Array; baseValues: Uint8Array; wide: Float64Array };
    expect(back.wide).toEqual(Float64Array.from([0.5]));
    back.values[1] = 200;
    expect(back.baseValues[1]).toBe(1);
    chunk.fill(0);
    expect(back.baseValues[1]).toBe(1);
  });

  it('round-trips every typed array kind, nested and empty, as a binary frame', () => {
    const value = {
      id: 7,
      value: {
        u8: Uint8Array.from([1, 2, 255]),
        i8: Int8Array.from([-1, 5]),
        c8: Uint8ClampedArray.from([9]),
        u16: Uint16Array.from([65535, 1]),
        i16: Int16Array.from([-2]),
        u32: Uint32Array.from([0xffffffff, 3]),
        i32: Int32Array.from([-5, 6]),
        f32: Float32Array.from([1.5]),
        f64: Float64Array.from([Math.PI, -0.25, Number.NaN]),
        u64: BigUint64Array.from([2n ** 64n - 1n]),
        i64: BigInt64Array.from([-(2n ** 63n)]),
        empty: new Uint8Array(0),
        nested: [{ deep: Float64Array.from([1, 2]) }],
        text: 'ünïcode',
      },
    };
    const frame = encodeFrame(value);
    expect(frame).toBeInstanceOf(Uint8Array);
    const back = decodeFrame(frame) as typeof value;
    for (const [k, v] of Object.entries(value.value)) {
      if (ArrayBuffer.isView(v)) {
        const got = (back.value as Record<string, unknown>)[k];
        expect(got?.constructor).toBe(v.constructor);
        expect(Array.from(got as ArrayLike<unknown>)).toEqual(Array.from(v as unknown as ArrayLike<unknown>));
      }
    }
    expect(back.value.nested[0]?.deep).toEqual(Float64Array.from([1, 2]));
    expect(back.value.text).toBe('ünïcode');
  });

  it('keeps views exact: a subarray sends only its own bytes', () => {
    const big = Uint8Array.from({ length: 100 }, (_, i) => i);
    const back = decodeFrame(encodeFrame({ part: big.subarray(10, 13) })) as { part: Uint8Array };
    expect(Array.from(back.part)).toEqual([10, 11, 12]);
  });

  it('decodes a frame that arrives at an odd offset (a pooled Node buffer)', () => {
    const frame = encodeFrame({ f: Float64Array.from([1.25, 2.5]) }) as Uint8Array;
    const pooled = new Uint8Array(frame.length + 3);
    pooled.set(frame, 3);
    expect((decodeFrame(pooled.subarray(3)) as { f: Float64Array }).f).toEqual(Float64Array.from([1.25, 2.5]));
    expect((decodeFrame(frame.buffer as ArrayBuffer) as { f: Float64Array }).f).toEqual(Float64Array.from([1.25, 2.5]));
  });

  it('carries 16 MB of values in one frame', () => {
    const values = new Uint8Array(16 * 1024 * 1024);
    for (let i = 0; i < values.length; i += 4093) values[i] = i & 255;
    const back = decodeFrame(encodeFrame({ values })) as { values: Uint8Array };
    expect(back.values.length).toBe(values.length);
    expect(Buffer.from(back.values).equals(Buffer.from(values))).toBe(true);
  });

  it('refuses a truncated binary frame instead of inventing data', () => {
    const frame = encodeFrame({ keys: new Uint8Array(64).fill(7) }) as Uint8Array;
    expect(() => decodeFrame(frame.subarray(0, frame.length - 20))).toThrow(RangeError);
  });

  it('sends zero-filled and repeated arrays once, and decodes them as arrays of their own', () => {
    const values = Uint8Array.from({ length: 80_000 }, (_, i) => i % 251);
    const window = {
      values,
      baseValues: values.slice(),
      wide: new Uint32Array(values.buffer.slice(0)),
      prevValues: new Uint8Array(80_000),
      changed: new Float64Array(10_000),
    };
    const frame = encodeFrame(window) as Uint8Array;
    expect(frame.byteLength).toBeLessThan(81_000);
    const back = decodeFrame(frame) as typeof window;
    expect(back.baseValues).toEqual(values);
    expect(back.wide).toEqual(window.wide);
    expect(back.prevValues).toEqual(new Uint8Array(80_000));
    expect(back.changed).toEqual(new Float64Array(10_000));
    back.values[0] = 99;
    expect(back.baseValues[0]).toBe(0);
    expect(new Uint8Array(back.wide.buffer, back.wide.byteOffset, 1)[0]).toBe(0);
  });

  it('sends shared zero views and two views of the same bytes without their bytes, as arrays of their own', () => {
    const rows = Uint8Array.from({ length: 80_000 }, (_, i) => i % 251);
    const window = {
      values: rows.subarray(8, 40_008),
      baseValues: rows.subarray(8, 40_008),
      prevValues: wireZeros(40_000),
      changed: wireZeros(5_000),
    };
    const frame = encodeFrame(window) as Uint8Array;
    expect(frame.byteLength).toBeLessThan(41_000);
    const back = decodeFrame(frame) as typeof window;
    expect(back.values).toEqual(rows.subarray(8, 40_008));
    expect(back.baseValues).toEqual(back.values);
    back.prevValues[0] = 7;
    back.baseValues[0] = 7;
    expect(wireZeros(40_000)[0]).toBe(0);
    expect(back.values[0]).toBe(rows[8]);
    expect((decodeFrame(encodeFrame(window)) as typeof window).prevValues[0]).toBe(0);
  });

  it('refuses zero-filled arrays that are odd-sized or larger than any frame', () => {
    const frame = (ref: object) => {
      const json = new TextEncoder().encode(JSON.stringify({ a: ref }));
      const out = new Uint8Array(4 + json.length);
      new DataView(out.buffer).setUint32(0, json.length, true);
      out.set(json, 4);
      return out;
    };
    expect(() => decodeFrame(frame({ $zeros: 6, type: 'Float64Array' }))).toThrow(/cannot be 6 bytes/);
    expect(() => decodeFrame(frame({ $zeros: -8, type: 'Uint8Array' }))).toThrow(RangeError);
    expect(() => decodeFrame(frame({ $zeros: MAX_ZERO_BYTES + 8, type: 'Uint8Array' }))).toThrow(/zero bytes/);
    expect(decodeFrame(frame({ $zeros: 16, type: 'Uint16Array' }))).toEqual({ a: new Uint16Array(8) });
  });

  it('decodes a value whose only arrays are zero-filled as arrays', () => {
    const back = decodeFrame(encodeFrame({ value: new Uint8Array(4096) })) as { value: unknown };
    expect(back.value).toEqual(new Uint8Array(4096));
  });

  it('lets an untrusted frame ask for no more zeros than its own size limit', () => {
    const limits = { maxLength: 1 << 20, maxDepth: 8, maxItems: 100 };
    const frame = encodeFrame({ a: new Uint8Array(2 << 20) });
    expect(frame).toBeInstanceOf(Uint8Array);
    expect((frame as Uint8Array).byteLength).toBeLessThan(200);
    expect(() => decodeFrame(frame, limits)).toThrow(/over 1048576 zero bytes/);
    expect((decodeFrame(frame) as { a: Uint8Array }).a.byteLength).toBe(2 << 20);
  });
});
