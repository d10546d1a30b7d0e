// The frame writer on a real Writable: small frames of one tick leave in one vectored write, a large one leaves
// at once (so the reader can decode it while the next is made), and every frame arrives whole and in order.
import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { FrameReader } from '../../shared/agent-frames.js';

import { FrameWriter } from './frame-io.js';

function recorder() {
  const batches: Buffer[][] = [];
  const out = new Writable({
    writev: (chunks, done) => {
      batches.push(chunks.map((c) => c.chunk as Buffer));
      done();
    },
    write: (chunk: Buffer, _encoding, done) => {
      batches.push([chunk]);
      done();
    },
  });
  const frames = () => {
    const reader = new FrameReader();
    return batches.flatMap((b) => b.flatMap((c) => reader.push(c)));
  };
  return { out, batches, frames };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('FrameWriter', () => {
  it('sends the small frames of one tick in one write', async () => {
    const { out, batches, frames } = recorder();
    const writer = new FrameWriter(out);
    for (let i = 0; i < 5; i++) writer.write({ event: i });
    expect(batches).toHaveLength(0);
    await nextTick();
    expect(batches).toHaveLength(1);
    expect(frames().map((f) => f.ok && f.value)).toEqual([0, 1, 2, 3, 4].map((event) => ({ event })));
  });

  it('sends a large frame before the tick ends, whole and in order with the rest', async () => {
    const { out, batches, frames } = recorder();
    const writer = new FrameWriter(out);
    const rows = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    writer.write({ id: 1, rows });
    expect(batches.length).toBeGreaterThan(0);
    writer.write({ id: 2, rows: rows.subarray(1) });
    writer.write({ id: 3 });
    await nextTick();
    const got = frames().map((f) => (f.ok ? (f.value as { id: number; rows?: Uint8Array }) : null));
    expect(got.map((v) => v?.id)).toEqual([1, 2, 3]);
    expect(got[1]?.rows).toEqual(rows.subarray(1));
  });
});
