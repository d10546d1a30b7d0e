// Figure 3: a full read of a 1M-entry hash map (u32 i -> u64 3*i): native mapDump vs bpftool vs bpf-ref (libbpf).
import path from 'node:path';
import type { MapDump } from '../shared/engine.js';
import { engineRun } from './engines.js';
import { REPEAT, bestOf, progress, ratio } from './timing.js';
import { buildBpfRef, runTool, which } from './tools.js';

export const DUMP_ENTRIES = 1_000_000;
const PIN = 'dumpbench';

export interface DumpFigure {
  entries: number;
  bpfscope_s: number | null;
  bpftool_s: number | null;
  ref_batch_s: number | null;
  ref_elem_s: number | null;
  /** bpftool_s / bpfscope_s: how many times faster bpfscope reads than bpftool. */
  bpftool_vs_bpfscope: number | null;
  /** bpfscope_s / ref_batch_s: the cost over libbpf's LOOKUP_BATCH in C. */
  bpfscope_vs_ref_batch: number | null;
  skipped: string[];
  /** A wrong or failed read: an error, not a figure. */
  errors: string[];
}

/** Throws unless the dump holds exactly keys 0..N-1, each with value 3*key. */
export function checkDump(dump: MapDump, n: number): void {
  if (dump.truncated) throw new Error('native mapDump reported truncated without a limit');
  if (dump.entries.length !== n) throw new Error(`native mapDump returned ${dump.entries.length} entries, expected ${n}`);
  const seen = new Uint8Array(n);
  for (const { key, value } of dump.entries) {
    if (key.length !== 4 || value.length !== 8) throw new Error(`entry sizes ${key.length}/${value.length}, expected 4/8`);
    const k = new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true);
    const v = new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, true);
    if (k >= n || seen[k] === 1) throw new Error(`native mapDump returned key ${k} out of range or twice`);
    if (v !== BigInt(k) * 3n) throw new Error(`native mapDump: key ${k} has value ${v}, expected ${k * 3}`);
    seen[k] = 1;
  }
}

interface RefResult { entries: number; per_element_s: number; batch_entries: number; batch_s: number }

export async function measureDump(bpffs: string | null): Promise<DumpFigure> {
  const fig: DumpFigure = {
    entries: DUMP_ENTRIES, bpfscope_s: null, bpftool_s: null, ref_batch_s: null, ref_elem_s: null,
    bpftool_vs_bpfscope: null, bpfscope_vs_ref_batch: null, skipped: [], errors: [],
  };
  // Every part needs the pinned map; run.ts has already said why there is no private bpffs.
  if (bpffs === null) return fig;
  const ref = buildBpfRef();
  if ('skipped' in ref) {
    fig.skipped.push(`dump: cannot fill the map: ${ref.skipped}`);
    return fig;
  }
  const pinned = path.join(bpffs, PIN);
  progress(`dump: filling ${DUMP_ENTRIES} entries with bpf-ref`);
  runTool(ref.binary, ['fill', pinned, 'hash', String(DUMP_ENTRIES)]);

  progress('dump: native mapDump');
  fig.bpfscope_s = await engineRun('dump', 'native', bpffs, async (engine) => {
    const h = await engine.get(PIN, 'ro');
    const last: { dump?: MapDump } = {};
    const seconds = await bestOf(REPEAT, async () => {
      delete last.dump; // let the previous run's entries be collected before the next read
      last.dump = await engine.mapDump(h.handle);
    });
    if (!last.dump) throw new Error('mapDump returned nothing');
    checkDump(last.dump, DUMP_ENTRIES);
    await engine.close(h.handle);
    return seconds;
  }, fig);

  const bpftool = which('bpftool');
  if (bpftool === null) fig.skipped.push('dump/bpftool: bpftool not on PATH');
  else {
    progress('dump: bpftool -j map dump');
    fig.bpftool_s = await bestOf(REPEAT, () => void runTool(bpftool, ['-j', 'map', 'dump', 'pinned', pinned], true));
  }

  progress('dump: bpf-ref dump');
  const out = JSON.parse(runTool(ref.binary, ['dump', pinned, String(REPEAT)]).trim()) as RefResult;
  if (out.entries !== DUMP_ENTRIES || out.batch_entries !== DUMP_ENTRIES) {
    throw new Error(`bpf-ref read ${out.entries} per element and ${out.batch_entries} batched, expected ${DUMP_ENTRIES}`);
  }
  fig.ref_batch_s = out.batch_s;
  fig.ref_elem_s = out.per_element_s;
  fig.bpftool_vs_bpfscope = ratio(fig.bpftool_s, fig.bpfscope_s);
  fig.bpfscope_vs_ref_batch = ratio(fig.bpfscope_s, fig.ref_batch_s);
  return fig;
}
