// libbpf's pin-reuse check (bpf_object__reuse_map → map_is_reuse_compat): a LIBBPF_PIN_BY_NAME map of an object
// reuses the map pinned at <pin root>/<map name> only when type, key_size, value_size, max_entries, map_flags and
// map_extra all equal the object's definition (BTF is not compared); otherwise bpf_object__load fails with EINVAL.
import { MAP_FLAGS } from './bpf/types.js';
import { type MapDef, mapsFromBtf } from './elf/btf-maps.js';
import { elfError, parseElf } from './elf/elf64.js';
import { pinNameProblem, pinPathOf } from './elf/load-result.js';
import type { MapInfo } from './engine.js';

export const LIBBPF_PIN_BY_NAME = 1;

export type ReuseField = 'map_type' | 'key_size' | 'value_size' | 'max_entries' | 'map_flags' | 'map_extra';

export interface ReuseMismatch {
  field: ReuseField;
  /** As the pinned map has it, and as the object defines it (flags as names). */
  pinned: string;
  object: string;
}

/** What libbpf reads from the host while it fills in a definition. */
export interface ReuseHost {
  possibleCpus: number;
  pageSize: number;
}

/** The BTF-defined maps of an object file (the programs are not needed to know what libbpf would reuse). */
export function objectMapDefs(bytes: Uint8Array): MapDef[] {
  const elf = parseElf(bytes);
  const btf = elf.sections.find((s) => s.name === '.BTF');
  const maps = elf.sections.find((s) => s.name === '.maps');
  if (!maps) return [];
  if (!btf) throw elfError('the object has a .maps section but no .BTF (compile with -g)');
  const defs = mapsFromBtf(elf.data(btf));
  for (const d of defs) {
    const problem = pinNameProblem(d.name);
    if (problem) throw elfError(`a map is named "${d.name}", which cannot be a pin name: ${problem}`);
  }
  return defs;
}

/** Where libbpf looks for the pin of a LIBBPF_PIN_BY_NAME map: <pin root>/<map name>. */
export const reusePinPath = (pinRoot: string, def: MapDef): string => pinPathOf(pinRoot, def.name);

const flagBits = (names: readonly string[]): number =>
  names.reduce((bits, n) => bits | ((MAP_FLAGS as Record<string, number>)[n] ?? Number.parseInt(n, 16)), 0) >>> 0;

/** libbpf's adjust_ringbuf_sz: the next page-size-times-power-of-two at or above a size that is not one. */
function ringbufSize(size: number, pageSize: number): number {
  if (size === 0) return 0;
  if (size % pageSize === 0 && Number.isInteger(Math.log2(size / pageSize))) return size;
  for (let mul = 1; mul * pageSize <= 0xffff_ffff; mul *= 2) if (mul * pageSize > size) return mul * pageSize;
  return size;
}

/** The definition as libbpf compares it: ring buffers rounded up, an unsized perf_event_array one slot per CPU. */
export function effectiveDef(def: MapDef, host: ReuseHost): Record<Exclude<ReuseField, 'map_type'>, number> {
  let maxEntries = def.maxEntries;
  if (def.type === 'ringbuf' || def.type === 'user_ringbuf') maxEntries = ringbufSize(maxEntries, host.pageSize);
  if (def.type === 'perf_event_array' && maxEntries === 0) maxEntries = host.possibleCpus;
  return {
    key_size: def.keySize,
    value_size: def.valueSize,
    max_entries: maxEntries,
    map_flags: flagBits(def.flags),
    map_extra: def.mapExtra ?? 0,
  };
}

/** The fields in which the pinned map differs from the definition; empty when libbpf would reuse the pin. */
export function reuseMismatches(def: MapDef, pinned: MapInfo, host: ReuseHost): ReuseMismatch[] {
  const want = effectiveDef(def, host);
  // The kernel reports devmaps with BPF_F_RDONLY_PROG set; libbpf ignores that bit of the pin.
  const devmap = def.type === 'devmap' || def.type === 'devmap_hash';
  const pinnedFlags = devmap ? pinned.flags & ~MAP_FLAGS.rdonly_prog : pinned.flags;
  const out: ReuseMismatch[] = [];
  if (pinned.type !== def.type) out.push({ field: 'map_type', pinned: pinned.type, object: def.type });
  const numbers: [Exclude<ReuseField, 'map_type' | 'map_flags'>, number][] = [
    ['key_size', pinned.keySize],
    ['value_size', pinned.valueSize],
    ['max_entries', pinned.maxEntries],
    ['map_extra', pinned.mapExtra],
  ];
  for (const [field, have] of numbers)
    if (have !== want[field]) out.push({ field, pinned: String(have), object: String(want[field]) });
  if (pinnedFlags >>> 0 !== want.map_flags)
    out.push({ field: 'map_flags', pinned: flagText(pinnedFlags), object: flagText(want.map_flags) });
  return out;
}

function flagText(bits: number): string {
  if (bits === 0) return '0';
  const names = Object.entries(MAP_FLAGS)
    .filter(([, b]) => bits & b)
    .map(([n]) => n);
  const rest = bits & ~flagBits(names);
  return [...names, ...(rest ? [`0x${(rest >>> 0).toString(16)}`] : [])].join('|');
}

/** One sentence per difference: "max_entries 1024 in the pin, 4096 in flow_table.o". */
export function describeMismatch(m: ReuseMismatch, fileName: string): string {
  return `${m.field} ${m.pinned} in the pin, ${m.object} in ${fileName}`;
}
