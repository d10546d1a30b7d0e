// Helper calls (check_helper_call): the id, the program type's helper set, GPL-only helpers, and the argument
// types of the helpers programs use most; helpers without a modelled prototype get no argument checks.
import { helperAccess, helperLabel } from '../../../shared/bpf/helper-table.js';

import { fail } from './stores.js';
import { type Frame, memArg, storedConstant } from './verifier-mem.js';
import { isPkt } from './verifier-pkt.js';
import { constOf, NONE, OTHER, type Reg, typeName, unknown } from './verifier-regs.js';

type Arg = 'map' | 'key' | 'value' | 'uninit_value' | 'mem' | 'uninit_mem' | 'size' | 'size0' | 'ctx' | 'any';
type Ret = 'scalar' | 'map_value_or_null' | 'other';

const PROTOS: Readonly<Record<number, { args: Arg[]; ret: Ret }>> = {
  1: { args: ['map', 'key'], ret: 'map_value_or_null' },
  2: { args: ['map', 'key', 'value', 'any'], ret: 'scalar' },
  3: { args: ['map', 'key'], ret: 'scalar' },
  4: { args: ['uninit_mem', 'size0', 'any'], ret: 'scalar' },
  5: { args: [], ret: 'scalar' },
  6: { args: ['mem', 'size'], ret: 'scalar' },
  7: { args: [], ret: 'scalar' },
  8: { args: [], ret: 'scalar' },
  12: { args: ['ctx', 'map', 'any'], ret: 'scalar' },
  14: { args: [], ret: 'scalar' },
  15: { args: [], ret: 'scalar' },
  16: { args: ['uninit_mem', 'size'], ret: 'scalar' },
  25: { args: ['ctx', 'map', 'any', 'mem', 'size0'], ret: 'scalar' },
  87: { args: ['map', 'value', 'any'], ret: 'scalar' },
  88: { args: ['map', 'uninit_value'], ret: 'scalar' },
  89: { args: ['map', 'uninit_value'], ret: 'scalar' },
  112: { args: ['uninit_mem', 'size0', 'any'], ret: 'scalar' },
  113: { args: ['uninit_mem', 'size0', 'any'], ret: 'scalar' },
  114: { args: ['uninit_mem', 'size0', 'any'], ret: 'scalar' },
  115: { args: ['uninit_mem', 'size0', 'any'], ret: 'scalar' },
  125: { args: [], ret: 'scalar' },
  130: { args: ['map', 'mem', 'size0', 'any'], ret: 'scalar' },
};

/** Map types that only some helpers take, and helpers that only take some map types (check_map_func_compatibility). */
const MAP_ONLY: Readonly<Record<string, readonly number[]>> = {
  prog_array: [12],
  perf_event_array: [22, 25, 55],
  ringbuf: [130, 131, 134],
  queue: [87, 88, 89],
  stack: [87, 88, 89],
  bloom_filter: [87, 89],
};
const FUNC_ONLY: Readonly<Record<number, readonly string[]>> = {
  12: ['prog_array'],
  25: ['perf_event_array'],
  87: ['queue', 'stack', 'bloom_filter'],
  88: ['queue', 'stack'],
  89: ['queue', 'stack', 'bloom_filter'],
  130: ['ringbuf'],
};

/** Helpers whose prototype has pkt_access: the only modelled ones that take a pointer into the packet. */
const PKT_ACCESS = new Set([1, 2, 3]);

const ARRAYS = new Set(['array', 'percpu_array']);
const MEM_TYPES = 'fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_';

export interface CallContext {
  progType: string;
  gpl: boolean;
  nextId: () => number;
}

/** Checks `call id` in frame f, then clobbers r1-r5 and sets r0 to what the helper returns. */
export function helperCall(f: Frame, id: number, c: CallContext): void {
  const access = helperAccess(c.progType, id);
  if (access === 'unknown') fail('EINVAL', `invalid func ${helperLabel(id)} (EINVAL).`);
  if (access === 'refused') fail('EINVAL', `program of this type cannot use helper ${helperLabel(id)} (EINVAL).`);
  if (access === 'gpl-only' && !c.gpl)
    fail('EINVAL', 'cannot call GPL-restricted function from non-GPL compatible program (EINVAL).');
  const proto = PROTOS[id];
  let map: Reg | undefined;
  proto?.args.forEach((arg, i) => {
    const reg = i + 1;
    const r = f.regs[reg]!;
    if (r.t === 'none') fail('EACCES', `R${reg} !read_ok: the register is read before it is set (EACCES).`);
    if (r.t === 'other') return;
    if (isPkt(r) && !PKT_ACCESS.has(id)) fail('EACCES', 'helper access to the packet is not allowed (EACCES).');
    const want = (expected: string): never =>
      fail('EACCES', `R${reg} type=${typeName(r)} expected=${expected} (EACCES).`);
    switch (arg) {
      case 'map':
        if (r.t !== 'map') want('map_ptr');
        map = r;
        return;
      case 'ctx':
        if (r.t !== 'ctx') want('ctx');
        return;
      case 'key':
      case 'value':
      case 'uninit_value':
        if (map?.t !== 'map') return;
        if (r.t === 'scalar') want(MEM_TYPES);
        return memArg(f, reg, arg === 'key' ? map.map.keySize : map.map.valueSize, arg === 'uninit_value', MEM_TYPES);
      case 'mem':
      case 'uninit_mem': {
        if (r.t === 'scalar') want(MEM_TYPES);
        const size = f.regs[reg + 1]!;
        if (size.t === 'scalar' && size.max <= 1n << 29n)
          memArg(f, reg, Number(size.max), arg === 'uninit_mem', MEM_TYPES);
        return;
      }
      case 'size':
      case 'size0':
        if (r.t !== 'scalar') want('scalar');
        if (r.t === 'scalar' && arg === 'size' && r.min === 0n) {
          const shown = constOf(r) === 0n ? '[0,0]' : `[0,${r.max}]`;
          fail('EACCES', `R${reg} invalid zero-sized read: u64=${shown} (EACCES).`);
        }
        if (r.t === 'scalar' && r.max >= 1n << 29n)
          fail('EACCES', `R${reg} unbounded memory access, use 'var &= const' or 'if (var < const)' (EACCES).`);
        return;
      default:
        return;
    }
  });
  if (map?.t === 'map') mapCompatible(map.map.type, id);
  const ret = proto?.ret ?? 'other';
  if (ret === 'map_value_or_null' && map?.t === 'map') {
    // An array lookup with a constant key inside max_entries cannot fail: the kernel drops the NULL case.
    const key = storedConstant(f, 2, map.map.keySize);
    const sure = ARRAYS.has(map.map.type) && key !== undefined && key < BigInt(map.map.maxEntries);
    f.regs[0] = { t: 'map_value', map: map.map, off: 0, orNull: !sure, id: c.nextId() };
  } else f.regs[0] = ret === 'scalar' ? unknown() : OTHER;
  for (let r = 1; r <= 5; r++) f.regs[r] = NONE;
}

function mapCompatible(mapType: string, id: number): void {
  const funcs = MAP_ONLY[mapType];
  const types = FUNC_ONLY[id];
  if ((funcs && !funcs.includes(id)) || (types && !types.includes(mapType)))
    fail('EINVAL', `cannot pass map_type ${mapType} into func ${helperLabel(id)} (EINVAL).`);
}
