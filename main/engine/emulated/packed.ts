// Packs a dump into the PackedEntries shape in chunks, yielding to the event loop between chunks, so the
// emulated engine answers mapReadPacked like the native one (first chunks early, never a long block).
import type { MapEntry, PackedEntries, PackedReadOptions } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

const CHUNK = 16384;

export async function packEntries(
  entries: MapEntry[],
  keySize: number,
  valueSize: number,
  opts: PackedReadOptions = {},
): Promise<PackedEntries> {
  const keys = new Uint8Array(entries.length * keySize);
  const values = new Uint8Array(entries.length * valueSize);
  const upTo = (count: number): PackedEntries => ({
    count,
    keySize,
    valueSize,
    keys: keys.subarray(0, count * keySize),
    values: values.subarray(0, count * valueSize),
  });
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as MapEntry;
    keys.set(e.key.subarray(0, keySize), i * keySize);
    values.set(e.value.subarray(0, valueSize), i * valueSize);
    if ((i + 1) % CHUNK === 0 && i + 1 < entries.length) {
      opts.onChunk?.(upTo(i + 1));
      await new Promise<void>((r) => setImmediate(r));
      if (opts.signal?.aborted) throw new BpfError('EINTR', 'The read was cancelled.');
    }
  }
  const all = upTo(entries.length);
  opts.onChunk?.(all);
  return all;
}
