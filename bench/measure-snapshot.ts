// Figure 6: capturing a snapshot of a bpffs holding a 1M-entry hash (u32 i -> u64 3*i) vs the batch read of that
// map alone, interleaved in the same run: the target is a capture costing at most 2x the read.
import path from 'node:path';

import { DUMP_ENTRIES } from './measure-dump.js';
import { progress, ratio, timeOnce, yieldToEventLoop } from './timing.js';
import { buildBpfRef, runTool } from './tools.js';

const ROUNDS = 3;

export interface SnapshotFigure {
  entries: number;
  batch_read_s: number | null;
  capture_s: number | null;
  file_mb: number | null;
  /** capture_s / batch_read_s; the target is <= 2. */
  capture_vs_batch_read: number | null;
  skipped: string[];
  errors: string[];
}

export async function measureSnapshot(bpffs: string | null): Promise<SnapshotFigure> {
  const fig: SnapshotFigure = {
    entries: DUMP_ENTRIES,
    batch_read_s: null,
    capture_s: null,
    file_mb: null,
    capture_vs_batch_read: null,
    skipped: [],
    errors: [],
  };
  if (bpffs === null) return fig;
  const ref = buildBpfRef();
  if ('skipped' in ref) {
    fig.skipped.push(`snapshot: cannot fill the map: ${ref.skipped}`);
    return fig;
  }
  progress(`snapshot: filling ${DUMP_ENTRIES} entries with bpf-ref`);
  runTool(ref.binary, ['fill', path.join(bpffs, 'snap_hash_1m'), 'hash', String(DUMP_ENTRIES)]);
  const { createNativeEngine } = await import('../main/engine/native/index.js');
  const { createHost } = await import('../main/host/create-host.js');
  const { captureSnapshot } = await import('../main/snapshot/capture.js');
  const engine = createNativeEngine({ bpffs });
  const host = createHost(engine);
  try {
    let read = Number.POSITIVE_INFINITY;
    let capture = Number.POSITIVE_INFINITY;
    for (let round = 0; round < ROUNDS; round++) {
      progress(`snapshot: round ${round + 1}/${ROUNDS}`);
      await yieldToEventLoop();
      read = Math.min(
        read,
        await timeOnce(async () => {
          const h = await engine.get('snap_hash_1m', 'ro', { internal: true });
          const p = await engine.mapReadPacked(h.handle);
          await engine.close(h.handle);
          if (p.count !== DUMP_ENTRIES) throw new Error(`batch read gave ${p.count} entries`);
        }),
      );
      await yieldToEventLoop();
      let bytes = 0;
      capture = Math.min(
        capture,
        await timeOnce(async () => {
          bytes = (await captureSnapshot(host, { maps: 'all' })).length;
        }),
      );
      fig.file_mb = Math.round(bytes / 1e5) / 10;
    }
    fig.batch_read_s = read;
    fig.capture_s = capture;
    fig.capture_vs_batch_read = ratio(capture, read);
  } finally {
    await host.dispose();
  }
  return fig;
}
