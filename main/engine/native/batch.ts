// BPF_MAP_*_BATCH on a map handle: the same argument checks as the emulator, then one bpf(2) call whose
// written-back count, buffers and out_batch are read as the kernel left them.
import { BATCH_CMD, batchArgsProblem, batchTokenSize, fitBytes } from '../../../shared/bpf/batch.js';
import type { MapBatchRequest, MapBatchResult } from '../../../shared/engine.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';
import { BATCH_OP } from '../../../shared/refusal.js';

import { batchCall } from './commands.js';
import { keyBuffer, valueBuffer } from './elements.js';
import { errnoError } from './errno.js';
import type { Handle, HandleTable, MapMeta } from './handles.js';

type MapHandle = Handle & { map: MapMeta };

/** Fills out_batch before the call: no key or bucket index the kernel writes has this pattern in practice. */
const UNWRITTEN = 0xa5;
/** A lookup never copies more than max_entries + 1 elements; a larger count only costs buffer space. */
const MAX_LOOKUP_SLOTS = 1 << 20;

/** `items` back to back in slots of `size` bytes. */
function packed(items: readonly Buffer[], size: number): Buffer {
  const b = Buffer.alloc(Math.max(items.length * size, 8));
  items.forEach((item, i) => item.copy(b, i * size));
  return b;
}

export function batch(h: MapHandle, req: MapBatchRequest, handles: HandleTable): MapBatchResult {
  const m = h.map;
  const what = BATCH_OP[req.op];
  const problem = batchArgsProblem(req);
  if (problem) throw new BpfError('EINVAL', `${what}: ${problem}.`);
  const lookup = req.op === 'lookup' || req.op === 'lookup_and_delete';
  const given = lookup ? [] : req.keys!.slice(0, req.count).map((k) => keyBuffer(m, k, what) ?? Buffer.alloc(0));
  const vals = req.op === 'update' ? req.values!.slice(0, req.count).map((v) => valueBuffer(m, v, handles, what)) : [];
  // Lookups: a count above what the map can hold behaves the same with max_entries + 1 (the end is reached first).
  const cap = Math.min((m.maxEntries ?? MAX_LOOKUP_SLOTS) + 1, MAX_LOOKUP_SLOTS);
  const passed = lookup ? Math.min(req.count, cap) : req.count;
  const tokenSize = batchTokenSize(m.type, m.keySize);
  const outBatch = Buffer.alloc(Math.max(tokenSize, 8), UNWRITTEN);
  const inBatch = req.inBatch ? Buffer.from(fitBytes(req.inBatch, Math.max(tokenSize, 8))) : null;
  const keys = lookup ? Buffer.alloc(Math.max(passed * m.keySize, 8)) : packed(given, m.keySize);
  const values = lookup ? Buffer.alloc(Math.max(passed * m.wireValueSize, 8)) : packed(vals, m.wireValueSize);
  const r = batchCall(BATCH_CMD[req.op], h.fd, { inBatch, outBatch, keys, values }, passed, req.elemFlags, req.flags);
  const copied = lookup && (r.errno === 0 || r.errno === ERRNO.ENOENT || r.errno === ERRNO.ENOSPC);
  // Refused before counting, the kernel leaves count as it was: as asked, not as clamped.
  const count = !copied && r.count === passed ? req.count : r.count;
  const written = tokenSize > 0 && outBatch.subarray(0, tokenSize).some((x) => x !== UNWRITTEN);
  const n = copied ? r.count : 0;
  const slice = (b: Buffer, size: number) =>
    Array.from({ length: n }, (_, i) => new Uint8Array(b.subarray(i * size, (i + 1) * size)));
  const result: MapBatchResult = {
    count,
    keys: slice(keys, m.keySize),
    values: slice(values, m.wireValueSize),
    outBatch: written ? new Uint8Array(outBatch.subarray(0, tokenSize)) : null,
  };
  return r.errno === 0 ? result : { ...result, error: errnoError(r.errno, what, h.info.path) };
}
