// Figure 1: pin -> get(ro) -> close -> unlink rounds per second, native vs emulated.
import type { PinStore } from '../shared/engine.js';

import { type EngineName, engineRun } from './engines.js';
import { bestOf, progress, REPEAT, ratio } from './timing.js';

export const PIN_ROUNDS = 2000;
/** Each round is four engine calls: pin, get, close, unlink. */
const OPS_PER_ROUND = 4;

export interface PinFigure {
  rounds: number;
  native_ops_s: number | null;
  emulated_ops_s: number | null;
  /** native / emulated. */
  native_vs_emulated: number | null;
  skipped: string[];
  /** Engines whose run failed or gave a wrong result. */
  errors: string[];
}

async function pinRounds(engine: PinStore): Promise<number> {
  await engine.mkdir('pinbench');
  const map = await engine.createMap({
    type: 'hash',
    name: 'pinbench',
    keySize: 4,
    valueSize: 8,
    maxEntries: 1,
    flags: [],
  });
  const seconds = await bestOf(REPEAT, async (run) => {
    for (let i = 0; i < PIN_ROUNDS; i++) {
      const path = `pinbench/r${run}_${i}`;
      await engine.pin(map.handle, path);
      const got = await engine.get(path, 'ro');
      if (got.id !== map.id) throw new Error(`get ${path} opened map ${got.id}, pinned ${map.id}`);
      await engine.close(got.handle);
      await engine.unlink(path);
    }
  });
  const left = await engine.list('pinbench');
  if (left.length !== 0) throw new Error(`pinbench holds ${left.length} entries after unlinking every pin`);
  await engine.close(map.handle);
  await engine.rmdir('pinbench');
  return Math.round((PIN_ROUNDS * OPS_PER_ROUND) / seconds);
}

export async function measurePins(bpffs: string | null): Promise<PinFigure> {
  const skipped: string[] = [];
  const errors: string[] = [];
  const result: Partial<Record<EngineName, number>> = {};
  for (const name of ['native', 'emulated'] as const) {
    progress(`pins: ${PIN_ROUNDS} rounds on the ${name} engine`);
    const r = await engineRun('pins', name, bpffs, pinRounds, { skipped, errors });
    if (r !== null) result[name] = r;
  }
  const native = result.native ?? null;
  const emulated = result.emulated ?? null;
  return {
    rounds: PIN_ROUNDS,
    native_ops_s: native,
    emulated_ops_s: emulated,
    native_vs_emulated: ratio(native, emulated),
    skipped,
    errors,
  };
}
