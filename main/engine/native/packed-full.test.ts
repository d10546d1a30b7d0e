// A map filled to max_entries reads back whole through mapReadPacked: the read buffers are sized from
// max_entries (with slack for the last LOOKUP_BATCH call), so the last batches must still land every entry.
import { describe, expect, it } from 'vitest';

import { le32, le64, nativeSkipReason, newHash, useNativeEngine } from '../../../test/support/native-env.js';

const skip = nativeSkipReason('packed-full.test.ts');

describe.skipIf(skip !== undefined)('mapReadPacked on a full map (native)', () => {
  const env = useNativeEngine();

  for (const maxEntries of [1024, 1500, 5000]) {
    it(`a hash holding all of its ${maxEntries} max entries lists each key once with its value`, async () => {
      const { handle } = await newHash(env.engine, maxEntries);
      for (let i = 0; i < maxEntries; i++) await env.engine.mapUpdate(handle, le32(i), le64(i * 3), 'noexist');
      const p = await env.engine.mapReadPacked(handle);
      expect(p.count).toBe(maxEntries);
      const keys = Buffer.from(p.keys.buffer, p.keys.byteOffset, p.keys.byteLength);
      const values = Buffer.from(p.values.buffer, p.values.byteOffset, p.values.byteLength);
      const seen = new Set<number>();
      for (let i = 0; i < p.count; i++) {
        const k = keys.readUInt32LE(i * 4);
        expect(values.readBigUInt64LE(i * 8)).toBe(BigInt(k * 3));
        seen.add(k);
      }
      expect(seen.size).toBe(maxEntries);
    });
  }
});
