// Figure 2: listing 10,000 pins in 1,000 directories (10 hard-linked objects), native vs emulated.
import type { PinStore } from '../shared/engine.js';

import { type EngineName, engineRun } from './engines.js';
import { bestOf, progress, REPEAT, ratio, timeOnce } from './timing.js';

export const LIST_DIRS = 1000;
export const PINS_PER_DIR = 10;
const ROOT = 'listbench';

export interface ListFigure {
  dirs: number;
  pins: number;
  native_s: number | null;
  emulated_s: number | null;
  /** native / emulated (time: higher is slower). */
  native_vs_emulated: number | null;
  /** One-shot time to build the tree (mkdir + link), for context. */
  native_setup_s: number | null;
  emulated_setup_s: number | null;
  skipped: string[];
  /** Engines whose run failed or gave a wrong result. */
  errors: string[];
}

const dirPath = (d: number): string => `${ROOT}/d${d}`;

/** Ten small maps pinned in d0, then hard-linked into every other directory. */
async function buildTree(engine: PinStore): Promise<void> {
  await engine.mkdir(ROOT);
  await engine.mkdir(dirPath(0));
  for (let p = 0; p < PINS_PER_DIR; p++) {
    const h = await engine.createMap({
      type: 'array',
      name: `list${p}`,
      keySize: 4,
      valueSize: 8,
      maxEntries: 1,
      flags: [],
    });
    await engine.pin(h.handle, `${dirPath(0)}/p${p}`);
    await engine.close(h.handle);
  }
  for (let d = 1; d < LIST_DIRS; d++) {
    await engine.mkdir(dirPath(d));
    for (let p = 0; p < PINS_PER_DIR; p++) await engine.link(`${dirPath(0)}/p${p}`, `${dirPath(d)}/p${p}`);
  }
}

/** Lists the root and every directory; checks each entry is a map pin with all its hard links counted. */
async function walk(engine: PinStore): Promise<void> {
  const dirs = await engine.list(ROOT);
  if (dirs.length !== LIST_DIRS) throw new Error(`${ROOT} lists ${dirs.length} directories, expected ${LIST_DIRS}`);
  let pins = 0;
  for (const dir of dirs) {
    for (const e of await engine.list(dir.path)) {
      if (e.kind !== 'map' || e.object?.kind !== 'map' || e.nlink !== LIST_DIRS) {
        throw new Error(
          `${e.path}: kind ${e.kind}, object ${e.object?.kind ?? 'none'}, nlink ${e.nlink} (expected map, ${LIST_DIRS})`,
        );
      }
      pins++;
    }
  }
  if (pins !== LIST_DIRS * PINS_PER_DIR)
    throw new Error(`walk found ${pins} pins, expected ${LIST_DIRS * PINS_PER_DIR}`);
}

async function listTree(engine: PinStore): Promise<{ seconds: number; setup: number }> {
  const setup = await timeOnce(() => buildTree(engine));
  const seconds = await bestOf(REPEAT, () => walk(engine));
  return { seconds, setup };
}

export async function measureList(bpffs: string | null): Promise<ListFigure> {
  const skipped: string[] = [];
  const errors: string[] = [];
  const result: Partial<Record<EngineName, { seconds: number; setup: number }>> = {};
  for (const name of ['native', 'emulated'] as const) {
    progress(`list: ${LIST_DIRS} dirs x ${PINS_PER_DIR} pins on the ${name} engine`);
    const r = await engineRun('list', name, bpffs, listTree, { skipped, errors });
    if (r !== null) result[name] = r;
  }
  const native = result.native?.seconds ?? null;
  const emulated = result.emulated?.seconds ?? null;
  return {
    dirs: LIST_DIRS,
    pins: LIST_DIRS * PINS_PER_DIR,
    native_s: native,
    emulated_s: emulated,
    native_vs_emulated: ratio(native, emulated),
    native_setup_s: result.native?.setup ?? null,
    emulated_setup_s: result.emulated?.setup ?? null,
    skipped,
    errors,
  };
}
