// Stream frames, as properties: every value comes back whatever the chunking; cut, oversized, broken and random
// input is refused with a reason, never thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  encodeStreamFrameBytes,
  FRAME_HEADER_BYTES,
  FRAME_KIND_BINARY,
  FRAME_KIND_JSON,
  FrameReader,
  FrameTooLargeError,
} from './agent-frames.js';

const typedArray = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.int8Array({ maxLength: 16 }),
  fc.uint16Array({ maxLength: 16 }),
  fc.int32Array({ maxLength: 16 }),
  fc.uint32Array({ maxLength: 16 }),
  fc.float32Array({ maxLength: 16 }),
  fc.float64Array({ maxLength: 16 }),
  fc.bigInt64Array({ maxLength: 8 }),
  fc.bigUint64Array({ maxLength: 8 }),
);
/** JSON values as JSON carries them (-0 is sent as 0). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
/** What crosses the pipe: JSON values, and JSON holding typed arrays (map view windows, object files). */
const anyValue = fc.oneof(
  jsonValue,
  fc.record({ id: fc.nat(), value: jsonValue, arrays: fc.array(typedArray, { maxLength: 4 }) }),
  // Windows hold repeated arrays (values = base values) and zero-filled ones (no previous values yet).
  fc.record({
    id: fc.nat(),
    repeated: typedArray.map((a) => [a, a.slice(), a]),
    zeros: fc.nat({ max: 40 }).map((n) => [new Float64Array(n), new Uint8Array(n * 3)]),
  }),
);

/** The bytes cut at the given points (any order, duplicates and out-of-range points allowed). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.byteLength]) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  return out;
}

function readAll(reader: FrameReader, chunks: Uint8Array[]) {
  return chunks.flatMap((c) => reader.push(c));
}

function header(length: number, kind: number, reserved = 0): Uint8Array {
  const h = new Uint8Array(FRAME_HEADER_BYTES);
  new DataView(h.buffer).setUint32(0, length, true);
  h[4] = kind;
  h[5] = reserved;
  return h;
}

describe('stream frames', () => {
  it('round-trip any sequence of values, however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 5 }), fc.array(fc.nat()), (values, cuts) => {
        const frames = values.map((v) => encodeStreamFrameBytes(v));
        const stream = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
        let at = 0;
        for (const f of frames) {
          stream.set(f, at);
          at += f.byteLength;
        }
        const reader = new FrameReader();
        const results = readAll(reader, chunked(stream, cuts));
        expect(results).toEqual(values.map((value) => ({ ok: true, value })));
        expect(reader.end()).toBeUndefined();
      }),
    );
  });

  it('refuses a frame cut short, at the end of the stream, without throwing', () => {
    fc.assert(
      fc.property(anyValue, fc.nat(), fc.array(fc.nat()), (value, cut, cuts) => {
        const bytes = encodeStreamFrameBytes(value);
        const short = bytes.slice(0, cut % bytes.byteLength);
        const reader = new FrameReader();
        expect(readAll(reader, chunked(short, cuts))).toEqual([]);
        const end = reader.end();
        if (short.byteLength === 0) expect(end).toBeUndefined();
        else expect(end).toMatchObject({ reason: 'truncated', fatal: true });
      }),
    );
  });

  it('refuses an oversized frame from its header alone, and reads nothing after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1025, max: 0xffffffff }), fc.uint8Array(), (length, rest) => {
        const reader = new FrameReader(1024);
        const results = reader.push(Uint8Array.from([...header(length, FRAME_KIND_JSON), ...rest]));
        expect(results).toEqual([{ ok: false, error: expect.objectContaining({ reason: 'oversized', fatal: true }) }]);
        expect(reader.push(encodeStreamFrameBytes({ after: true }))).toEqual([]);
      }),
    );
    expect(() => encodeStreamFrameBytes('x'.repeat(2000), 1024)).toThrow(FrameTooLargeError);
  });

  it('refuses an unknown kind or non-zero reserved bytes as a broken header', () => {
    expect(new FrameReader().push(header(2, 9))).toEqual([
      { ok: false, error: expect.objectContaining({ reason: 'bad-header', fatal: true }) },
    ]);
    expect(new FrameReader().push(header(2, FRAME_KIND_JSON, 1))).toMatchObject([{ ok: false }]);
  });

  it('refuses a payload that is not JSON or not a binary frame, and goes on with the next frame', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(FRAME_KIND_JSON, FRAME_KIND_BINARY),
        (junk, kind) => {
          const reader = new FrameReader();
          const results = reader.push(
            Uint8Array.from([...header(junk.byteLength, kind), ...junk, ...encodeStreamFrameBytes({ next: 1 })]),
          );
          expect(results).toHaveLength(2);
          if (!results[0]?.ok) expect(results[0]?.error).toMatchObject({ reason: 'bad-payload', fatal: false });
          expect(results[1]).toEqual({ ok: true, value: { next: 1 } });
        },
      ),
    );
    expect(new FrameReader().push(Uint8Array.from([...header(2, FRAME_KIND_JSON), 0xff, 0xfe]))).toMatchObject([
      { ok: false, error: { reason: 'bad-payload' } },
    ]);
  });

  it('never throws on random bytes, and stops at the first broken header', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const reader = new FrameReader(4096);
        const results = readAll(reader, chunks);
        const fatal = results.findIndex((r) => !r.ok && r.error.fatal);
        if (fatal >= 0) expect(fatal).toBe(results.length - 1);
        reader.end();
      }),
    );
  });
});
