// Figure: creating a 50M-entry array map (u32 key, u64 value), emulated vs the kernel: time and memory.
import { readdirSync, readFileSync } from 'node:fs';

import type { PinStore } from '../shared/engine.js';

import { engineRun } from './engines.js';
import { progress, timeOnce } from './timing.js';

export const BIG_ENTRIES = 50_000_000;

export interface BigArrayFigure {
  entries: number;
  emulated_create_s: number | null;
  /** ArrayBuffer + JS heap bytes the emulator holds for the map (what it would use once every value is written). */
  emulated_bytes: number | null;
  native_create_s: number | null;
  /** The kernel's own figure for the map: memlock in its fdinfo. */
  native_bytes: number | null;
  /** emulated_bytes / native_bytes: the target is under 2. */
  memory_ratio: number | null;
  skipped: string[];
  errors: string[];
}

const spec = { type: 'array', name: 'big', keySize: 4, valueSize: 8, maxEntries: BIG_ENTRIES, flags: [] } as const;

/** memlock of the map with this id, from whichever of our fds refers to it. */
function kernelMemlock(mapId: number): number | null {
  for (const fd of readdirSync('/proc/self/fdinfo')) {
    let text: string;
    try {
      text = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
    } catch {
      continue;
    }
    if (new RegExp(`^map_id:\\s*${mapId}$`, 'm').test(text)) return Number(/^memlock:\s*(\d+)/m.exec(text)?.[1] ?? NaN);
  }
  return null;
}

function heldBytes(): number {
  const m = process.memoryUsage();
  return m.arrayBuffers + m.heapUsed;
}

export async function measureBigArray(bpffs: string | null): Promise<BigArrayFigure> {
  const notes = { skipped: [] as string[], errors: [] as string[] };
  progress(`big array: creating a ${BIG_ENTRIES.toLocaleString('en-US')}-entry array in each engine`);
  const emulated = await engineRun(
    'bigarray',
    'emulated',
    null,
    async (e: PinStore) => {
      const before = heldBytes();
      let handle = 0;
      const s = await timeOnce(async () => {
        handle = (await e.createMap({ ...spec, flags: [] })).handle;
      });
      const bytes = heldBytes() - before;
      await e.close(handle);
      return { s, bytes };
    },
    notes,
  );
  const native = await engineRun(
    'bigarray',
    'native',
    bpffs,
    async (e: PinStore) => {
      let h = { handle: 0, id: 0 };
      const s = await timeOnce(async () => {
        h = await e.createMap({ ...spec, flags: [] });
      });
      const bytes = kernelMemlock(h.id);
      await e.close(h.handle);
      return { s, bytes };
    },
    notes,
  );
  const ratio = emulated && native?.bytes ? Math.round((emulated.bytes / native.bytes) * 100) / 100 : null;
  return {
    entries: BIG_ENTRIES,
    emulated_create_s: emulated?.s ?? null,
    emulated_bytes: emulated?.bytes ?? null,
    native_create_s: native?.s ?? null,
    native_bytes: native?.bytes ?? null,
    memory_ratio: ratio,
    ...notes,
  };
}
