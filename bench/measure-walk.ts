// Full walk of a 100,000-pin tree (10,000 folders, 1,000 maps each pinned 100 times): every folder listed through
// the native engine, beside `bpftool -j map show -f` building the same pin table and `ls -lR` (both alone in a
// mount namespace that holds only this bpffs, so other mounts do not count against them).
import { linkSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { PinStore } from '../shared/engine.js';

import { engineRun } from './engines.js';
import { bestOf, progress, REPEAT, ratio, timeOnce } from './timing.js';
import { runTool, which } from './tools.js';

export const WALK_DIRS = 10_000;
export const WALK_PINS_PER_DIR = 10;
export const WALK_OBJECTS = 1000;
const ROOT = 'walkbench';

export interface WalkFigure {
  dirs: number;
  pins: number;
  objects: number;
  /** The first walk of a fresh engine (each map opened once), and the best of the next ones. */
  native_first_s: number | null;
  native_s: number | null;
  bpftool_s: number | null;
  ls_s: number | null;
  /** native_s / bpftool_s: at most 1 means bpfscope is no slower. */
  native_vs_bpftool: number | null;
  native_first_vs_bpftool: number | null;
  skipped: string[];
  errors: string[];
}

const dirOf = (d: number): string => `${ROOT}/d${d}`;
const objectOf = (d: number, p: number): number => (d * WALK_PINS_PER_DIR + p) % WALK_OBJECTS;

/** The maps pinned once through the engine, every other pin a hard link made directly (setup, not measured). */
async function buildTree(engine: PinStore, mount: string): Promise<void> {
  await engine.mkdir(ROOT);
  const first = WALK_OBJECTS / WALK_PINS_PER_DIR;
  for (let d = 0; d < WALK_DIRS; d++) {
    mkdirSync(path.join(mount, dirOf(d)));
    for (let p = 0; p < WALK_PINS_PER_DIR; p++) {
      const pin = `${dirOf(d)}/p${p}`;
      if (d < first) {
        const h = await engine.createMap({
          type: 'array',
          name: `w${d}_${p}`,
          keySize: 4,
          valueSize: 8,
          maxEntries: 1,
          flags: [],
        });
        await engine.pin(h.handle, pin);
        await engine.close(h.handle);
      } else {
        const o = objectOf(d, p);
        const src = `${dirOf(Math.floor(o / WALK_PINS_PER_DIR))}/p${o % WALK_PINS_PER_DIR}`;
        linkSync(path.join(mount, src), path.join(mount, pin));
      }
    }
  }
}

/** Lists the root and every folder; checks each entry is a map pin counted with all its hard links. */
async function walk(engine: PinStore): Promise<void> {
  const dirs = await engine.list(ROOT);
  if (dirs.length !== WALK_DIRS) throw new Error(`${ROOT} lists ${dirs.length} folders, expected ${WALK_DIRS}`);
  const links = (WALK_DIRS * WALK_PINS_PER_DIR) / WALK_OBJECTS;
  let pins = 0;
  for (const dir of dirs) {
    for (const e of await engine.list(dir.path)) {
      if (e.kind !== 'map' || e.object?.kind !== 'map' || e.nlink !== links)
        throw new Error(`${e.path}: kind ${e.kind}, nlink ${e.nlink} (expected a map with ${links} links)`);
      pins++;
    }
  }
  if (pins !== WALK_DIRS * WALK_PINS_PER_DIR) throw new Error(`the walk found ${pins} pins`);
}

/**
 * Seconds a shell command takes inside a private mount namespace where `mount` is the only bpffs, timed by the
 * shell around the command alone.
 */
function timeAlone(mount: string, command: string): number {
  const script = [
    `for m in $(awk '$3 == "bpf" { print $2 }' /proc/mounts); do [ "$m" = "$1" ] || umount -l "$m"; done`,
    't0=$(date +%s%N)',
    command,
    't1=$(date +%s%N)',
    'echo $((t1 - t0))',
  ].join('\n');
  const out = runTool('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', mount]);
  return Number(out.trim().split('\n').at(-1)) / 1e9;
}

/** Pins under `mount` in bpftool's JSON: each map's "pinned" list. */
function bpftoolPins(mount: string, json: string): number {
  const maps = JSON.parse(json) as { pinned?: string[] }[];
  return maps.reduce((n, m) => n + (m.pinned ?? []).filter((p) => p.startsWith(`${mount}/`)).length, 0);
}

export async function measureWalk(bpffs: string | null): Promise<WalkFigure> {
  const fig: WalkFigure = {
    dirs: WALK_DIRS,
    pins: WALK_DIRS * WALK_PINS_PER_DIR,
    objects: WALK_OBJECTS,
    native_first_s: null,
    native_s: null,
    bpftool_s: null,
    ls_s: null,
    native_vs_bpftool: null,
    native_first_vs_bpftool: null,
    skipped: [],
    errors: [],
  };
  if (bpffs === null) return fig;
  const notes = { skipped: fig.skipped, errors: fig.errors };
  progress(`walk: building ${fig.pins} pins in ${WALK_DIRS} folders`);
  const built = await engineRun('walk', 'native', bpffs, (e) => buildTree(e, bpffs), notes);
  if (built === null) return fig;
  progress('walk: listing every folder through the native engine');
  const times = await engineRun(
    'walk',
    'native',
    bpffs,
    async (engine) => ({ first: await timeOnce(() => walk(engine)), best: await bestOf(REPEAT, () => walk(engine)) }),
    notes,
  );
  fig.native_first_s = times?.first ?? null;
  fig.native_s = times?.best ?? null;
  if (which('bpftool') === null || which('unshare') === null) {
    fig.skipped.push('walk/bpftool: bpftool or unshare is not installed');
  } else {
    progress('walk: bpftool -j map show -f and ls -lR on the same tree');
    try {
      const out = path.join(tmpdir(), `bpfscope-walk-${process.pid}.json`);
      let best = Number.POSITIVE_INFINITY;
      try {
        for (let i = 0; i < REPEAT; i++) best = Math.min(best, timeAlone(bpffs, `bpftool -j map show -f > ${out}`));
        const found = bpftoolPins(bpffs, readFileSync(out, 'utf8'));
        if (found !== fig.pins) throw new Error(`bpftool listed ${found} pins under the mount, expected ${fig.pins}`);
      } finally {
        rmSync(out, { force: true });
      }
      fig.bpftool_s = best;
      let ls = Number.POSITIVE_INFINITY;
      for (let i = 0; i < REPEAT; i++) ls = Math.min(ls, timeAlone(bpffs, `ls -lR "$1" > /dev/null`));
      fig.ls_s = ls;
    } catch (e) {
      fig.errors.push(`walk/bpftool: ${(e as Error).message}`);
    }
  }
  fig.native_vs_bpftool = ratio(fig.native_s, fig.bpftool_s);
  fig.native_first_vs_bpftool = ratio(fig.native_first_s, fig.bpftool_s);
  return fig;
}
