// Programs that name maps by label (ld_imm64 BPF_PSEUDO_MAP_FD / MAP_VALUE), and *_GET_NEXT_ID walks.
import {
  alive,
  array,
  close,
  type Def,
  freeze,
  hash,
  info,
  map,
  type Op,
  pin,
  prog,
  progArray,
  u32,
  unlink,
  update,
} from './lib.js';

const le32 = (n: number): string => u32(n >>> 0);
/** rN = map (ld_imm64 src 1, imm patched with the map's fd). */
export const ldMap = (reg: number): string =>
  `18${(0x10 | reg).toString(16).padStart(2, '0')}000000000000` + '0000000000000000';
/** r1 = &value + off (ld_imm64 src 2). */
export const ldValue = (off: number): string => `182100000000000000000000${le32(off)}`;
const RET0 = 'b7000000000000009500000000000000';
/** r3 = 0; call bpf_tail_call (12), after r2 = the prog_array. */
export const TAIL = `${ldMap(2)}b703000000000000850000000c000000${RET0}`;
export const ST_DW = '7a01000000000000'; // *(u64 *)(r1 + 0) = 0
export const LDX_DW = '7910000000000000'; // r0 = *(u64 *)(r1 + 0)

type ProgType = Extract<Op, { op: 'prog_load' }>['type'];
function uses(as: string, maps: Record<string, string>, insns: string, type: ProgType = 'socket_filter'): Op {
  return { ...(prog(as, { type, insns }) as Extract<Op, { op: 'prog_load' }>), maps };
}
const holds = (as: string, m: string): Op => uses(as, { 0: m }, ldMap(1) + RET0);
const tail = (as: string, pa: string, type: ProgType = 'socket_filter'): Op => uses(as, { 0: pa }, TAIL, type);
const one = (as: string, flags: Extract<Op, { op: 'map_create' }>['flags'] = []): Op =>
  array(as, { max_entries: 1, flags });
const nextId = (kind: 'map' | 'prog' | 'link', after?: string): Op =>
  after === undefined ? { op: 'next_id', kind } : { op: 'next_id', kind, after };

/** bpf_probe_read_kernel(&value, 8, NULL): a helper that writes the value. */
const PROBE_READ = `${ldValue(0)}b702000008000000b7030000000000008500000071000000${RET0}`;
const manyMaps = (n: number): Op[] => Array.from({ length: n }, (_, i) => array(`a${i}`));
/** One ld_imm64 per map a0..a(n-1), then exit. */
function manyMapsProg(n: number): Op {
  const refs = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(2 * i), `a${i}`]));
  return uses('p', refs, ldMap(1).repeat(n) + RET0);
}

export const progMapScenarios: Def[] = [
  ['progmap-ld-map', 'a program that names a map lists it in map_ids', [array('m'), holds('p', 'm'), info('p')]],
  ['progmap-closed-fd', 'naming a closed map fd is EBADF', [array('m'), close('m'), holds('p', 'm')]],
  ['progmap-unknown-label', 'naming an fd that was never opened is EBADF', [holds('p', 'nothing')]],
  ['progmap-prog-fd', 'naming a program fd where a map belongs is EINVAL', [prog('q'), holds('p', 'q')]],
  [
    'progmap-same-map-twice',
    'a map named twice is used once',
    [array('m'), uses('p', { 0: 'm', 2: 'm' }, ldMap(1) + ldMap(2) + RET0), info('p')],
  ],
  [
    'progmap-two-maps-order',
    'map_ids follow the order the instructions first name them',
    [array('a'), hash('b'), uses('p', { 0: 'b', 2: 'a' }, ldMap(1) + ldMap(2) + RET0), info('p')],
  ],
  [
    'progmap-held-by-prog',
    'a map whose last fd goes stays alive while a program uses it, and dies with the program',
    [hash('m'), holds('p', 'm'), close('m'), alive('m'), close('p'), alive('m')],
  ],
  [
    'progmap-held-by-pinned-prog',
    'a map held only by a pinned program dies when that pin goes',
    [hash('m'), pin('m', 'mp'), holds('p', 'm'), pin('p', 'pp'), close('p'), close('m'), unlink('mp')].concat([
      alive('m'),
      unlink('pp'),
      alive('m'),
    ]),
  ],
  [
    'progmap-value-in-range',
    'a value address inside a one-element array loads',
    [one('m'), uses('p', { 0: 'm' }, ldValue(4) + LDX_DW.replace('7910', '6110') + '9500000000000000'), info('p')],
  ],
  [
    'progmap-value-off-end',
    'a value offset at value_size is EINVAL',
    [one('m'), uses('p', { 0: 'm' }, ldValue(8) + RET0)],
  ],
  [
    'progmap-value-off-negative',
    'a negative value offset is EINVAL',
    [one('m'), uses('p', { 0: 'm' }, ldValue(-1) + RET0)],
  ],
  [
    'progmap-value-four-elements',
    'a value address of a four-element array is 524',
    [array('m'), uses('p', { 0: 'm' }, ldValue(0) + RET0)],
  ],
  ['progmap-value-hash', 'a value address of a hash is EINVAL', [hash('m'), uses('p', { 0: 'm' }, ldValue(0) + RET0)]],
  ['progmap-tail-call', 'a tail call through a prog_array loads', [progArray('pa'), tail('p', 'pa'), info('p')]],
  [
    'progmap-tail-call-array',
    'a tail call through an array is EINVAL',
    [array('m', { value_size: 4 }), tail('p', 'm')],
  ],
  [
    'progmap-tail-owner-type',
    'a prog_array used by a socket filter refuses an xdp program that tail-calls through it',
    [progArray('pa'), tail('p', 'pa'), tail('x', 'pa', 'xdp'), info('pa')],
  ],
  [
    'progmap-tail-owner-update',
    'a prog_array owned by a socket filter tail call refuses an xdp entry',
    [
      progArray('pa'),
      tail('p', 'pa'),
      prog('x', { type: 'xdp' }),
      update('pa', u32(0), { handle: 'x' }),
      update('pa', u32(1), { handle: 'p' }),
    ],
  ],
  [
    'progmap-tail-owner-entry-first',
    'a prog_array given a socket filter entry refuses an xdp tail caller',
    [progArray('pa'), prog('q'), update('pa', u32(0), { handle: 'q' }), tail('x', 'pa', 'xdp'), tail('p', 'pa')],
  ],
  [
    'progmap-tail-owner-failed-load',
    'a load refused by the second prog_array it names still binds the first one',
    [progArray('pa'), progArray('pb'), prog('x', { type: 'xdp' }), update('pb', u32(0), { handle: 'x' })].concat([
      uses('p', { 0: 'pa', 2: 'pb' }, ldMap(1) + ldMap(2) + RET0),
      update('pa', u32(0), { handle: 'x' }),
    ]),
  ],
  [
    'progmap-tail-owner-first-refused',
    'a load refused by the first prog_array it names leaves the second unbound',
    [progArray('pa'), progArray('pb'), prog('x', { type: 'xdp' }), update('pb', u32(0), { handle: 'x' })].concat([
      uses('p', { 0: 'pb', 2: 'pa' }, ldMap(1) + ldMap(2) + RET0),
      update('pa', u32(0), { handle: 'x' }),
    ]),
  ],
  [
    'progmap-tail-owner-verifier-refused',
    'a program the verifier refuses does not bind the prog_array it names',
    [progArray('pa'), uses('p', { 0: 'pa' }, `${ldMap(1)}9500000000000000`), prog('x', { type: 'xdp' })].concat([
      update('pa', u32(0), { handle: 'x' }),
      prog('s'),
      update('pa', u32(1), { handle: 's' }),
    ]),
  ],
  ['progmap-64-maps', 'a program may name 64 maps', [...manyMaps(64), manyMapsProg(64), info('p')]],
  ['progmap-65-maps', 'a program naming 65 maps is E2BIG', [...manyMaps(65), manyMapsProg(65)]],
  [
    'progmap-tracing-no-prealloc',
    'kprobe, tracepoint and perf_event programs may name a hash without preallocation',
    [
      hash('h', { flags: ['no_prealloc'] }),
      ...(['kprobe', 'tracepoint', 'perf_event'] as const).map((t) => uses(t, { 0: 'h' }, ldMap(1) + RET0, t)),
    ],
  ],
  [
    'progmap-frozen-write',
    'freezing stops writes from syscalls only: a program may read and write a frozen map',
    [
      one('m'),
      freeze('m'),
      uses('r', { 0: 'm' }, ldValue(0) + LDX_DW + '9500000000000000'),
      uses('w', { 0: 'm' }, ldValue(0) + ST_DW + RET0),
    ],
  ],
  [
    'progmap-rdonly-prog-write',
    'writing a BPF_F_RDONLY_PROG map from a program is EACCES',
    [
      one('m', ['rdonly_prog']),
      uses('w', { 0: 'm' }, ldValue(0) + ST_DW + RET0),
      uses('r', { 0: 'm' }, ldValue(0) + LDX_DW + '9500000000000000'),
    ],
  ],
  [
    'progmap-wronly-prog-read',
    'reading a BPF_F_WRONLY_PROG map from a program is EACCES, writing it loads',
    [
      one('m', ['wronly_prog']),
      uses('r', { 0: 'm' }, `${ldValue(0) + LDX_DW}9500000000000000`),
      uses('w', { 0: 'm' }, ldValue(0) + ST_DW + RET0),
    ],
  ],
  [
    'progmap-helper-writes-value',
    'a helper may write into a map value, not into a BPF_F_RDONLY_PROG one (EACCES)',
    [
      one('m'),
      one('ro', ['rdonly_prog']),
      uses('k', { 0: 'm' }, PROBE_READ, 'kprobe'),
      uses('r', { 0: 'ro' }, PROBE_READ, 'kprobe'),
    ],
  ],
  [
    'progmap-freeze-used-map',
    'a map a program writes can still be frozen',
    [one('m'), uses('w', { 0: 'm' }, ldValue(0) + ST_DW + RET0), freeze('m'), info('m')],
  ],
  [
    'progmap-of-maps',
    'a program may name a hash_of_maps and an array_of_maps',
    [
      hash('i'),
      map('hm', 'hash_of_maps', { value_size: 4, inner: 'i' }),
      map('am', 'array_of_maps', { value_size: 4, inner: 'i' }),
    ].concat([uses('p', { 0: 'hm', 2: 'am' }, ldMap(1) + ldMap(2) + RET0), info('p')]),
  ],
  [
    'progmap-ld-map-next-imm',
    'a map ld_imm64 with a nonzero second immediate is EINVAL',
    [array('m'), uses('p', { 0: 'm' }, `18110000000000000000000001000000${RET0}`)],
  ],
  [
    'progmap-ld-imm64-src-7',
    'an ld_imm64 with an unknown src_reg is EINVAL',
    [uses('p', {}, `18710000000000000000000000000000${RET0}`)],
  ],
  [
    'progmap-bad-insn-index',
    'a map reference past the last instruction is EINVAL',
    [array('m'), uses('p', { 9: 'm' }, RET0)],
  ],
  [
    'progmap-prog-array-keeps-prog',
    'a prog_array entry keeps a program alive until the map goes',
    [
      progArray('pa'),
      prog('q'),
      update('pa', u32(0), { handle: 'q' }),
      close('q'),
      alive('q'),
      close('pa'),
      alive('q'),
    ],
  ],
];

export const nextIdScenarios: Def[] = [
  [
    'nextid-maps-in-order',
    'map ids are handed out in creation order; the walk ends after the last',
    [hash('m0'), hash('m1'), hash('m2'), nextId('map', 'm0'), nextId('map', 'm1'), nextId('map', 'm2')],
  ],
  ['nextid-from-zero', 'the walk from 0 meets the oldest live map first', [hash('m0'), hash('m1'), nextId('map')]],
  [
    'nextid-skips-freed',
    'a closed map is not on the walk',
    [hash('m0'), hash('m1'), hash('m2'), close('m1'), nextId('map', 'm0')],
  ],
  [
    'nextid-after-freed',
    'the walk may start from the id of a freed map',
    [hash('m0'), hash('m1'), close('m0'), nextId('map', 'm0'), nextId('map')],
  ],
  [
    'nextid-not-reused',
    'a new map does not take a freed id',
    [hash('m0'), close('m0'), hash('m1'), nextId('map', 'm0')],
  ],
  [
    'nextid-progs',
    'program ids walk the same way',
    [prog('p0'), prog('p1'), nextId('prog', 'p0'), nextId('prog', 'p1')],
  ],
  [
    'nextid-kinds-apart',
    'maps and programs have their own ids',
    [hash('m0'), nextId('prog'), close('m0'), prog('p0'), nextId('map'), nextId('prog')],
  ],
  [
    'nextid-held-by-prog',
    'a map held only by a program is on the walk',
    [hash('m0'), holds('p', 'm0'), close('m0'), nextId('map')],
  ],
  [
    'nextid-pinned',
    'a map held only by a pin is on the walk; unpinned it is not',
    [hash('m0'), pin('m0', 'a'), close('m0'), nextId('map'), unlink('a'), nextId('map')],
  ],
  ['nextid-links', 'a scenario without links meets none', [hash('m0'), nextId('link')]],
  ['nextid-start-int-max', 'a start id of INT_MAX is EINVAL', [{ op: 'next_id', kind: 'map', start_id: 0x7fffffff }]],
  ['nextid-start-u32-max', 'a start id of U32_MAX is EINVAL', [{ op: 'next_id', kind: 'prog', start_id: 0xffffffff }]],
  [
    'nextid-get-by-id',
    'the object a walk meets opens by its id; a freed one is ENOENT',
    [
      hash('m0'),
      hash('m1'),
      nextId('map', 'm0'),
      { op: 'get_by_id', as: 'g', of: 'm1' },
      info('g'),
      close('m0'),
      { op: 'get_by_id', as: 'h', of: 'm0' },
    ],
  ],
];
