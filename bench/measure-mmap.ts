// Figure: a full read of a 1M-entry array map (u32 -> u64) by the native engine, created with BPF_F_MMAPABLE
// (read through mmap, one memory copy) beside the same array without it (read with LOOKUP_BATCH calls).
import type { PinStore } from '../shared/engine.js';

import { engineRun } from './engines.js';
import { progress, REPEAT, ratio, timeOnce, yieldToEventLoop } from './timing.js';

export const MMAP_ENTRIES = 1_000_000;

export interface MmapFigure {
  entries: number;
  mmap_read_s: number | null;
  batch_read_s: number | null;
  /** batch_read_s / mmap_read_s. */
  batch_vs_mmap: number | null;
  skipped: string[];
  errors: string[];
}

/** Best-of-REPEAT full read of a fresh array with these flags; checks every entry came with its value. */
async function readArray(engine: PinStore, flags: 'mmapable'[]): Promise<number> {
  const h = await engine.createMap({
    type: 'array',
    name: 'arr',
    keySize: 4,
    valueSize: 8,
    maxEntries: MMAP_ENTRIES,
    flags,
  });
  try {
    const last = new Uint8Array(4);
    new DataView(last.buffer).setUint32(0, MMAP_ENTRIES - 1, true);
    await engine.mapUpdate(h.handle, last, Uint8Array.of(42, 0, 0, 0, 0, 0, 0, 0), 'any');
    let best = Infinity;
    for (let i = 0; i < REPEAT; i++) {
      progress(`mmap: ${flags.length ? 'mmapable' : 'plain'} array, round ${i + 1} of ${REPEAT}`);
      await yieldToEventLoop();
      let count = 0;
      let tail = 0;
      best = Math.min(
        best,
        await timeOnce(async () => {
          const p = await engine.mapReadPacked(h.handle);
          count = p.count;
          tail = p.values[(p.count - 1) * 8] ?? 0;
        }),
      );
      if (count !== MMAP_ENTRIES || tail !== 42) throw new Error(`read ${count} entries (last value ${tail})`);
    }
    return best;
  } finally {
    await engine.close(h.handle);
  }
}

export async function measureMmap(bpffs: string | null): Promise<MmapFigure> {
  const fig: MmapFigure = {
    entries: MMAP_ENTRIES,
    mmap_read_s: null,
    batch_read_s: null,
    batch_vs_mmap: null,
    skipped: [],
    errors: [],
  };
  const both = await engineRun(
    'mmap',
    'native',
    bpffs,
    async (engine) => ({ mmap: await readArray(engine, ['mmapable']), batch: await readArray(engine, []) }),
    fig,
  );
  fig.mmap_read_s = both?.mmap ?? null;
  fig.batch_read_s = both?.batch ?? null;
  fig.batch_vs_mmap = ratio(fig.batch_read_s, fig.mmap_read_s);
  return fig;
}
