// Loads and stores (check_mem_access): through the stack, the context, a map value; never through a scalar.
import { ctxAccessOk } from '../../../shared/bpf/ctx-rules.js';
import { MAP_FLAGS } from '../../../shared/bpf/types.js';

import type { MapObject } from './objects.js';
import { fail } from './stores.js';
import { isPkt, pktAccess } from './verifier-pkt.js';
import { known, NONE, OTHER, type Reg, typeName, unknown } from './verifier-regs.js';

export const STACK_SIZE = 512;

/** check_map_access_type: BPF_F_RDONLY_PROG maps refuse program writes, BPF_F_WRONLY_PROG ones reads. */
function mapAccessType(map: { flags: number; valueSize: number }, off: number, size: number, write: boolean): void {
  if (write && map.flags & MAP_FLAGS.rdonly_prog)
    fail('EACCES', `write into map forbidden, value_size=${map.valueSize} off=${off} size=${size} (EACCES).`);
  if (!write && map.flags & MAP_FLAGS.wronly_prog)
    fail('EACCES', `read from map forbidden, value_size=${map.valueSize} off=${off} size=${size} (EACCES).`);
}

export interface Frame {
  regs: Reg[];
  /** What was stored at each frame offset, with its size; other stack bytes read as unknown scalars. */
  stack: Map<number, { size: number; reg: Reg }>;
}

const PKT: Reg = { t: 'pkt', off: 0, range: 0, id: 0, vmin: 0, vmax: 0 };
const SKB_POINTERS: Readonly<Record<number, Reg>> = { 76: PKT, 80: { t: 'pkt_end' }, 140: { ...PKT, t: 'pkt_meta' } };
/** ctx fields that hold pointers: data, data_end, data_meta; others (sockets) the model leaves alone. */
const CTX_POINTERS: Readonly<Record<string, Readonly<Record<number, Reg>>>> = {
  xdp: { 0: PKT, 4: { t: 'pkt_end' }, 8: { ...PKT, t: 'pkt_meta' } },
  sched_cls: { ...SKB_POINTERS, 168: OTHER },
  sched_act: { ...SKB_POINTERS, 168: OTHER },
  cgroup_skb: { ...SKB_POINTERS, 168: OTHER },
  socket_filter: { 168: OTHER },
};

export interface Access {
  base: number;
  off: number;
  size: number;
  write: boolean;
  /** The register stored (STX), or undefined for an immediate store or a load. */
  value?: Reg;
}

/** Checks one access and returns what a load reads (NONE for a store). */
export function memAccess(f: Frame, a: Access, progType: string): Reg {
  const r = f.regs[a.base]!;
  if (r.t === 'none') fail('EACCES', `R${a.base} !read_ok: the register is read before it is set (EACCES).`);
  const kind = a.write ? 'write' : 'read';
  switch (r.t) {
    case 'other':
      return a.write ? NONE : OTHER;
    case 'stack':
      return stackAccess(f, a, r.off + a.off, kind);
    case 'ctx': {
      if (r.off !== 0) fail('EACCES', `dereference of modified ctx ptr R${a.base} off=${r.off} disallowed (EACCES).`);
      if (!ctxAccessOk(progType, a.off, a.size, a.write))
        fail('EACCES', `invalid bpf_context access off=${a.off} size=${a.size} (EACCES).`);
      if (a.write) return NONE;
      return CTX_POINTERS[progType]?.[a.off] ?? unknown(a.size * 8);
    }
    case 'pkt':
    case 'pkt_meta':
      pktAccess(r, a.base, a.off, a.size, a.write, progType);
      return a.write ? NONE : unknown(a.size * 8);
    case 'map_value': {
      if (r.orNull) fail('EACCES', `R${a.base} invalid mem access 'map_value_or_null' (EACCES).`);
      const off = r.off + a.off;
      mapAccessType(r.map, off, a.size, a.write);
      if (off < 0 || off + a.size > r.map.valueSize) {
        fail(
          'EACCES',
          `invalid access to map value, value_size=${r.map.valueSize} off=${off} size=${a.size} (EACCES).`,
        );
      }
      return a.write ? NONE : (frozenRead(r.map, off, a.size) ?? unknown(a.size * 8));
    }
    case 'map':
      // A privileged program may read the map's own struct.
      if (!a.write) return unknown(a.size * 8);
      return fail('EACCES', `R${a.base} invalid mem access '${typeName(r)}' (EACCES).`);
    default:
      return fail('EACCES', `R${a.base} invalid mem access '${typeName(r)}' (EACCES).`);
  }
}

const BPF_F_RDONLY_PROG = 1 << 7;

/** bpf_map_direct_read: a frozen map programs cannot write holds constants the verifier reads as known values. */
function frozenRead(map: MapObject, off: number, size: number): Reg | undefined {
  if (!(map.flags & BPF_F_RDONLY_PROG) || !map.frozen || map.type !== 'array') return undefined;
  if (map.maxEntries !== 1)
    fail('ENOTSUPP', `a read-only map with ${map.maxEntries} entries has no direct value address (ENOTSUPP, 524).`);
  const value = map.store.lookup(new Uint8Array(4));
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(value[off + i]!);
  return known(v);
}

function stackAccess(f: Frame, a: Access, off: number, kind: string): Reg {
  if (off % a.size !== 0) fail('EACCES', `misaligned stack access off ${off} size ${a.size} (EACCES).`);
  if (off < -STACK_SIZE || off + a.size > 0)
    fail('EACCES', `invalid ${kind} to stack R${a.base} off=${off} size=${a.size} (EACCES).`);
  if (a.write) {
    forget(f, off, a.size);
    if (a.value) f.stack.set(off, { size: a.size, reg: a.value });
    return NONE;
  }
  const stored = f.stack.get(off);
  return stored?.size === a.size ? stored.reg : unknown(a.size * 8);
}

/** Drops what was stored in any bytes of [off, off + size). */
function forget(f: Frame, off: number, size: number): void {
  for (const [at, v] of f.stack) if (at < off + size && at + v.size > off) f.stack.delete(at);
}

/** The constant stored at a stack pointer with exactly this size, if there is one (a map key, say). */
export function storedConstant(f: Frame, reg: number, size: number): bigint | undefined {
  const r = f.regs[reg]!;
  if (r.t !== 'stack') return undefined;
  const v = f.stack.get(r.off);
  return v?.size === size && v.reg.t === 'scalar' && v.reg.min === v.reg.max ? v.reg.min : undefined;
}

/** A helper's memory argument: `size` bytes at the pointer in `reg` must lie inside what it points at. */
export function memArg(f: Frame, reg: number, size: number, write: boolean, what: string): void {
  const r = f.regs[reg]!;
  if (size === 0 && r.t !== 'scalar') fail('EACCES', `R${reg} invalid zero-sized read (EACCES).`);
  if (r.t === 'other') return;
  if (isPkt(r)) return pktAccess(r, reg, 0, size, write, '');
  if (r.t === 'stack') {
    const off = r.off;
    // Out of the frame through a helper is EINVAL, where a direct access is EACCES.
    if (off < -STACK_SIZE || off + size > 0)
      fail('EINVAL', `invalid ${write ? 'write' : 'read'} from stack R${reg} off=${off} size=${size} (EINVAL).`);
    if (write) forget(f, off, size);
    return;
  }
  if (r.t === 'map_value' && !r.orNull) {
    mapAccessType(r.map, r.off, size, write);
    if (r.off < 0 || r.off + size > r.map.valueSize) {
      fail('EACCES', `invalid access to map value, value_size=${r.map.valueSize} off=${r.off} size=${size} (EACCES).`);
    }
    return;
  }
  fail('EACCES', `R${reg} type=${typeName(r)} expected=${what} (EACCES).`);
}
