// Building blocks for scenario generation: short constructors for the operations of the scenario format.
import type { ScenarioOp } from '../scenario.js';

export type Op = ScenarioOp;
/** [file name without .json, scenario name, operations] */
export type Def = [string, string, Op[]];

/** `mov r0, 0; exit`: the smallest program every verifier accepts. */
export const RET0 = 'b700000000000000' + '9500000000000000';
/** `mov r0, 1; exit` */
export const RET1 = 'b701000001000000' + '9500000000000000';

export function le(n: number, size: number): string {
  let s = '';
  let v = BigInt(n);
  for (let i = 0; i < size; i++) {
    s += Number(v & 0xffn)
      .toString(16)
      .padStart(2, '0');
    v >>= 8n;
  }
  return s;
}
export const u32 = (n: number): string => le(n, 4);
export const u64 = (n: number): string => le(n, 8);

type MapOpts = Partial<Omit<Extract<Op, { op: 'map_create' }>, 'op' | 'as'>>;

export function map(as: string, type: Extract<Op, { op: 'map_create' }>['type'], o: MapOpts = {}): Op {
  return {
    op: 'map_create',
    as,
    type,
    key_size: o.key_size ?? 4,
    value_size: o.value_size ?? 8,
    max_entries: o.max_entries ?? 4,
    flags: o.flags ?? [],
    name: o.name ?? as,
    ...(o.inner !== undefined ? { inner: o.inner } : {}),
    ...(o.map_extra !== undefined ? { map_extra: o.map_extra } : {}),
  };
}
export const hash = (as: string, o: MapOpts = {}): Op => map(as, 'hash', o);
export const array = (as: string, o: MapOpts = {}): Op => map(as, 'array', o);
export const progArray = (as: string, max = 4): Op => map(as, 'prog_array', { value_size: 4, max_entries: max });

export function prog(
  as: string,
  o: { type?: Extract<Op, { op: 'prog_load' }>['type']; name?: string; insns?: string; license?: string } = {},
): Op {
  return {
    op: 'prog_load',
    as,
    type: o.type ?? 'socket_filter',
    name: o.name ?? as,
    insns: o.insns ?? RET0,
    license: o.license ?? 'GPL',
  };
}

export const mkdir = (path: string, mode?: number): Op =>
  mode === undefined ? { op: 'mkdir', path } : { op: 'mkdir', path, mode };
export const rmdir = (path: string): Op => ({ op: 'rmdir', path });
export const unlink = (path: string): Op => ({ op: 'unlink', path });
export const rename = (from: string, to: string, o: { noreplace?: boolean; exchange?: boolean } = {}): Op => ({
  op: 'rename',
  from,
  to,
  ...o,
});
export const link = (from: string, to: string): Op => ({ op: 'link', from, to });
export const symlink = (target: string, path: string): Op => ({ op: 'symlink', target, path });
export const stat = (path: string): Op => ({ op: 'stat', path });
export const list = (path: string): Op => ({ op: 'list', path });
export const pin = (handle: string, path: string): Op => ({ op: 'pin', handle, path });
export function get(as: string, path: string, flag?: 'rdonly' | 'wronly'): Op {
  return flag ? { op: 'get', as, path, flags: [flag] } : { op: 'get', as, path };
}
export const close = (handle: string): Op => ({ op: 'close', handle });
export const info = (handle: string): Op => ({ op: 'info', handle });
export const alive = (handle: string): Op => ({ op: 'alive', handle });
export const lookup = (handle: string, key: string | null): Op => ({ op: 'lookup', handle, key });
export const pop = (handle: string, key: string | null = null): Op => ({ op: 'lookup_and_delete', handle, key });
export function update(
  handle: string,
  key: string | null,
  value: string | { handle: string },
  flag: 'any' | 'noexist' | 'exist' = 'any',
): Op {
  return { op: 'update', handle, key, value, flag };
}
export const del = (handle: string, key: string): Op => ({ op: 'delete', handle, key });
export const nextKey = (handle: string, key: string | null): Op => ({ op: 'next_key', handle, key });
export const dump = (handle: string): Op => ({ op: 'dump', handle });
export const freeze = (handle: string): Op => ({ op: 'freeze', handle });

/** A hash map m (u32 -> u64, 4 entries) pinned at `path`. */
export function pinnedHash(path = 'm', as = 'm'): Op[] {
  return [hash(as), pin(as, path)];
}
