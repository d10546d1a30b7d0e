// Figure 3: full reads of a 1M-entry hash map and a 100k-entry per-CPU array (u32 i -> u64 3*i [+ cpu]):
// the native engine's mapReadPacked (what map views refresh with) vs bpftool vs bpf-ref (libbpf).
import path from 'node:path';

import type { MapDump, PackedEntries } from '../shared/engine.js';

import { engineRun } from './engines.js';
import { progress, REPEAT, ratio, timeOnce, yieldToEventLoop } from './timing.js';
import { buildBpfRef, runTool, which } from './tools.js';

export const DUMP_ENTRIES = 1_000_000;
export const PERCPU_ENTRIES = 100_000;

type RefMapType = 'hash' | 'percpu_array';

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
  if (dump.entries.length !== n)
    throw new Error(`native mapDump returned ${dump.entries.length} entries, expected ${n}`);
  const seen = new Uint8Array(n);
  for (const { key, value } of dump.entries) {
    if (key.length !== 4 || value.length !== 8)
      throw new Error(`entry sizes ${key.length}/${value.length}, expected 4/8`);
    const k = new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true);
    const v = new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, true);
    if (k >= n || seen[k] === 1) throw new Error(`native mapDump returned key ${k} out of range or twice`);
    if (v !== BigInt(k) * 3n) throw new Error(`native mapDump: key ${k} has value ${v}, expected ${k * 3}`);
    seen[k] = 1;
  }
}

/** Throws unless the packed read holds exactly keys 0..N-1, CPU c's value of key k being 3*k + c (c = 0 only when not per-CPU). */
export function checkPacked(p: PackedEntries, n: number, cpus: number): void {
  if (p.count !== n) throw new Error(`native mapReadPacked returned ${p.count} entries, expected ${n}`);
  if (p.keySize !== 4 || p.valueSize !== 8 * cpus)
    throw new Error(`entry sizes ${p.keySize}/${p.valueSize}, expected 4/${8 * cpus}`);
  const keys = new DataView(p.keys.buffer, p.keys.byteOffset, p.keys.byteLength);
  const values = new DataView(p.values.buffer, p.values.byteOffset, p.values.byteLength);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys.getUint32(i * 4, true);
    if (k >= n || seen[k] === 1) throw new Error(`native mapReadPacked returned key ${k} out of range or twice`);
    seen[k] = 1;
    for (let c = 0; c < cpus; c++) {
      const v = values.getBigUint64(i * p.valueSize + c * 8, true);
      if (v !== BigInt(k) * 3n + BigInt(c))
        throw new Error(`native mapReadPacked: key ${k} cpu ${c} has value ${v}, expected ${k * 3 + c}`);
    }
  }
}

interface RefResult {
  entries: number;
  per_element_s: number;
  batch_entries: number;
  batch_s: number;
}

/** The 1M-entry hash figure (dump_hash_1m). */
export function measureDump(bpffs: string | null): Promise<DumpFigure> {
  return measureDumpOf(bpffs, 'hash', DUMP_ENTRIES);
}

/** The 100k-entry per-CPU array figure (dump_percpu_array_100k). */
export function measurePercpuDump(bpffs: string | null): Promise<DumpFigure> {
  return measureDumpOf(bpffs, 'percpu_array', PERCPU_ENTRIES);
}

async function measureDumpOf(bpffs: string | null, type: RefMapType, entries: number): Promise<DumpFigure> {
  const PIN = `dump_${type}`;
  const fig: DumpFigure = {
    entries,
    bpfscope_s: null,
    bpftool_s: null,
    ref_batch_s: null,
    ref_elem_s: null,
    bpftool_vs_bpfscope: null,
    bpfscope_vs_ref_batch: null,
    skipped: [],
    errors: [],
  };
  // Every part needs the pinned map; run.ts has already said why there is no private bpffs.
  if (bpffs === null) return fig;
  const ref = buildBpfRef();
  if ('skipped' in ref) {
    fig.skipped.push(`dump: cannot fill the map: ${ref.skipped}`);
    return fig;
  }
  const pinned = path.join(bpffs, PIN);
  progress(`dump ${type}: filling ${entries} entries with bpf-ref`);
  runTool(ref.binary, ['fill', pinned, type, String(entries)]);

  // Rounds interleave the three readers, so load that comes and goes on a shared machine hits them alike.
  const bpftool = which('bpftool');
  if (bpftool === null) fig.skipped.push('dump/bpftool: bpftool not on PATH');
  const best = { bpftool: Infinity, batch: Infinity, elem: Infinity };
  let toolError: Error | undefined;
  const toolsRound = async (): Promise<void> => {
    if (toolError) return;
    try {
      await yieldToEventLoop();
      if (bpftool !== null)
        best.bpftool = Math.min(
          best.bpftool,
          await timeOnce(() => void runTool(bpftool, ['-j', 'map', 'dump', 'pinned', pinned], true)),
        );
      const out = JSON.parse(runTool(ref.binary, ['dump', pinned, '1']).trim()) as RefResult;
      if (out.entries !== entries || out.batch_entries !== entries) {
        throw new Error(
          `bpf-ref read ${out.entries} per element and ${out.batch_entries} batched, expected ${entries}`,
        );
      }
      best.batch = Math.min(best.batch, out.batch_s);
      best.elem = Math.min(best.elem, out.per_element_s);
    } catch (e) {
      toolError = e as Error;
    }
  };

  let toolRounds = 0;
  fig.bpfscope_s = await engineRun(
    'dump',
    'native',
    bpffs,
    async (engine) => {
      const h = await engine.get(PIN, 'ro');
      let read: PackedEntries | undefined;
      let seconds = Infinity;
      for (let i = 0; i < REPEAT; i++) {
        progress(`dump ${type}: round ${i + 1} of ${REPEAT}: native mapReadPacked, bpftool -j map dump, bpf-ref dump`);
        await yieldToEventLoop();
        read = undefined; // let the previous run's buffers be collected before the next read
        seconds = Math.min(
          seconds,
          await timeOnce(async () => {
            read = await engine.mapReadPacked(h.handle);
          }),
        );
        await toolsRound();
        toolRounds++;
      }
      if (!read) throw new Error('mapReadPacked returned nothing');
      checkPacked(read, entries, type === 'hash' ? 1 : engine.describe().possibleCpus);
      await engine.close(h.handle);
      return seconds;
    },
    fig,
  );
  // The native engine did not run (or stopped early): the outside tools still get their rounds.
  for (; toolRounds < REPEAT; toolRounds++) {
    progress(`dump ${type}: round ${toolRounds + 1} of ${REPEAT}: bpftool -j map dump, bpf-ref dump`);
    await toolsRound();
  }
  if (toolError) throw toolError;
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  fig.bpftool_s = finite(best.bpftool);
  fig.ref_batch_s = finite(best.batch);
  fig.ref_elem_s = finite(best.elem);
  fig.bpftool_vs_bpfscope = ratio(fig.bpftool_s, fig.bpfscope_s);
  fig.bpfscope_vs_ref_batch = ratio(fig.bpfscope_s, fig.ref_batch_s);
  return fig;
}
