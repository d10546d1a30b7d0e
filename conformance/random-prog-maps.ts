// Random operations for programs that name maps (plain references, tail calls, value addresses read and
// written), *_GET_NEXT_ID walks and *_GET_FD_BY_ID, over the labels random-ops.ts uses.
import fc from 'fast-check';

import { LDX_DW, ldMap, ldValue, ST_DW, TAIL } from './gen/progmaps.js';
import type { ScenarioOp } from './scenario.js';

const EXIT = '9500000000000000';
const RET0 = `b700000000000000${EXIT}`;
// *(u32 *)(r10 - 4) = 0; r2 = r10; r2 += -4; call bpf_map_lookup_elem: a lookup of key 0.
const LOOKUP = '620afcff00000000bfa200000000000007020000fcffffff8500000001000000';

/** Program bodies with the instruction that names the map at 0 (and at 2 for `two`). */
const BODIES: Record<string, string> = {
  ld: ldMap(1) + RET0,
  two: ldMap(1) + ldMap(2) + RET0,
  tail: TAIL,
  read: ldValue(0) + LDX_DW + EXIT,
  readEnd: ldValue(8) + LDX_DW + EXIT,
  write: ldValue(0) + ST_DW + RET0,
  lookup: ldMap(1) + LOOKUP + RET0,
};

export function progMapOps(maps: readonly string[], progs: readonly string[], gets: readonly string[]) {
  const any = [...maps, ...progs, ...gets, 'zz'];
  const progLoad: fc.Arbitrary<ScenarioOp> = fc
    .record({
      as: fc.constantFrom(...progs),
      type: fc.constantFrom('socket_filter', 'xdp') as fc.Arbitrary<'socket_filter' | 'xdp'>,
      body: fc.constantFrom(...Object.keys(BODIES)),
      m: fc.constantFrom(...any),
      n: fc.constantFrom(...maps),
    })
    .map(
      ({ as, type, body, m, n }): ScenarioOp => ({
        op: 'prog_load',
        as,
        type,
        name: as,
        insns: BODIES[body]!,
        license: 'GPL',
        maps: body === 'two' ? { 0: m, 2: n } : { 0: m },
      }),
    );
  const nextId: fc.Arbitrary<ScenarioOp> = fc
    .record({
      kind: fc.constantFrom('map', 'prog', 'link') as fc.Arbitrary<'map' | 'prog' | 'link'>,
      after: fc.option(fc.constantFrom(...any), { nil: undefined }),
    })
    .map(({ kind, after }): ScenarioOp => (after ? { op: 'next_id', kind, after } : { op: 'next_id', kind }));
  const getById: fc.Arbitrary<ScenarioOp> = fc
    .record({
      as: fc.constantFrom(...gets),
      of: fc.constantFrom(...any),
      flag: fc.constantFrom(undefined, 'rdonly', 'wronly') as fc.Arbitrary<'rdonly' | 'wronly' | undefined>,
    })
    .map(
      ({ as, of, flag }): ScenarioOp =>
        flag ? { op: 'get_by_id', as, of, flags: [flag] } : { op: 'get_by_id', as, of },
    );
  return { progLoad, nextId, getById };
}
