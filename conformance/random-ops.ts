// fast-check arbitraries for random scenarios: every operation kind over a tiny name space, so that
// names, labels and keys collide; paths include trailing slashes, over-long names and a mode-0 folder
// (where dotted names are allowed). LRU maps are smaller than the key space, so they evict (both engines
// run every call on one CPU, which makes the kernel's choice deterministic). No map stores device or
// socket fds (their bytes would name whatever fd the test process has open).
import fc from 'fast-check';

import { batchRandomOps } from './batch-random.js';
import { BTF_MAP_SHAPES, lookupFlags, updateFlags } from './btf-lock-random.js';
import { RET0, RET1, u32, u64 } from './gen/lib.js';
import { credentialRandomOps } from './random-credentials.js';
import { progMapOps } from './random-prog-maps.js';
import type { ScenarioOp } from './scenario.js';

const LONG = 'n'.repeat(256);
const PATHS = ['a', 'b', 'd', 'd/a', 'd/b', 's', 'a.b', '', 'a/', 'd/', 'z', 'z/x.y', 'z/q', LONG, `d/${LONG}`];
const MAP_LABELS = ['m0', 'm1', 'm2'];
const PROG_LABELS = ['p0', 'p1'];
const GET_LABELS = ['g0', 'g1'];
const ANY_LABEL = [...MAP_LABELS, ...PROG_LABELS, ...GET_LABELS, 'zz'];

const path = fc.constantFrom(...PATHS);
const label = fc.constantFrom(...ANY_LABEL);
const key = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }).map(u32) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant('0102') },
);
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 9 }).map(u64) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 9 }).map((n) => u64(n) + u64(n + 1)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map(u32) },
  { weight: 2, arbitrary: fc.constantFrom(...MAP_LABELS, ...PROG_LABELS).map((handle) => ({ handle })) },
);

type MapCreate = Extract<ScenarioOp, { op: 'map_create' }>;
const MAP_SHAPES: Omit<MapCreate, 'op' | 'as' | 'name'>[] = [
  { type: 'hash', key_size: 4, value_size: 8, max_entries: 4, flags: [] },
  { type: 'hash', key_size: 4, value_size: 8, max_entries: 3, flags: ['no_prealloc'] },
  { type: 'hash', key_size: 4, value_size: 8, max_entries: 4, flags: ['zero_seed'] },
  { type: 'lru_hash', key_size: 4, value_size: 8, max_entries: 3, flags: ['zero_seed'] },
  { type: 'array', key_size: 4, value_size: 8, max_entries: 4, flags: [] },
  { type: 'percpu_array', key_size: 4, value_size: 8, max_entries: 3, flags: [] },
  { type: 'percpu_hash', key_size: 4, value_size: 8, max_entries: 4, flags: [] },
  { type: 'lru_hash', key_size: 4, value_size: 8, max_entries: 8, flags: [] },
  { type: 'lru_hash', key_size: 4, value_size: 8, max_entries: 3, flags: [] },
  { type: 'lru_hash', key_size: 4, value_size: 8, max_entries: 4, flags: ['no_common_lru'] },
  { type: 'lru_percpu_hash', key_size: 4, value_size: 8, max_entries: 2, flags: [] },
  { type: 'lru_percpu_hash', key_size: 4, value_size: 8, max_entries: 4, flags: ['no_common_lru'] },
  { type: 'queue', key_size: 0, value_size: 8, max_entries: 3, flags: [] },
  { type: 'stack', key_size: 0, value_size: 8, max_entries: 3, flags: [] },
  { type: 'prog_array', key_size: 4, value_size: 4, max_entries: 4, flags: [] },
  { type: 'ringbuf', key_size: 0, value_size: 0, max_entries: 4096, flags: [] },
  { type: 'user_ringbuf', key_size: 0, value_size: 0, max_entries: 4096, flags: [] },
  { type: 'hash', key_size: 4, value_size: 0, max_entries: 4, flags: [] },
  { type: 'array', key_size: 4, value_size: 8, max_entries: 2, flags: ['rdonly'] },
  { type: 'lpm_trie', key_size: 8, value_size: 8, max_entries: 4, flags: ['no_prealloc'] },
  { type: 'bloom_filter', key_size: 0, value_size: 8, max_entries: 4, flags: ['zero_seed'] },
  { type: 'array', key_size: 4, value_size: 8, max_entries: 1, flags: [] },
  { type: 'array', key_size: 4, value_size: 8, max_entries: 1, flags: ['rdonly_prog'] },
  // One hash over 64 bits: a few pushes make false positives likely.
  { type: 'bloom_filter', key_size: 0, value_size: 8, max_entries: 1, flags: ['zero_seed'], map_extra: 1 },
  { type: 'hash', key_size: 4, value_size: 8, max_entries: (1 << 27) + 1, flags: ['no_prealloc'] },
  ...BTF_MAP_SHAPES,
];

const mapCreate: fc.Arbitrary<ScenarioOp> = fc.oneof(
  fc
    .record({ as: fc.constantFrom(...MAP_LABELS), shape: fc.constantFrom(...MAP_SHAPES) })
    .map(({ as, shape }): ScenarioOp => ({ op: 'map_create', as, name: as, ...shape })),
  fc
    .record({
      as: fc.constantFrom(...MAP_LABELS),
      inner: fc.constantFrom(...MAP_LABELS),
      type: fc.constantFrom('array_of_maps', 'hash_of_maps') as fc.Arbitrary<'array_of_maps' | 'hash_of_maps'>,
    })
    .map(
      ({ as, inner, type }): ScenarioOp => ({
        op: 'map_create',
        as,
        name: as,
        type,
        key_size: 4,
        value_size: 4,
        max_entries: 4,
        flags: [],
        inner,
      }),
    ),
);

const progLoad: fc.Arbitrary<ScenarioOp> = fc
  .record({
    as: fc.constantFrom(...PROG_LABELS),
    type: fc.constantFrom('socket_filter', 'xdp') as fc.Arbitrary<'socket_filter' | 'xdp'>,
    insns: fc.constantFrom(RET0, RET1),
  })
  .map(({ as, type, insns }): ScenarioOp => ({ op: 'prog_load', as, type, name: as, insns, license: 'GPL' }));

const getOp: fc.Arbitrary<ScenarioOp> = fc
  .record({
    as: fc.constantFrom(...GET_LABELS),
    path,
    flag: fc.constantFrom(undefined, 'rdonly', 'wronly') as fc.Arbitrary<'rdonly' | 'wronly' | undefined>,
  })
  .map(({ as, path, flag }): ScenarioOp => (flag ? { op: 'get', as, path, flags: [flag] } : { op: 'get', as, path }));

/** OBJ_GET file_flags as raw bits: RDONLY, WRONLY, both, PATH_FD and unknown bits. */
const rawGetOp: fc.Arbitrary<ScenarioOp> = fc
  .record({ as: fc.constantFrom(...GET_LABELS), path, raw: fc.constantFrom(0, 8, 16, 24, 1, 16392, 0x80000000) })
  .map(({ as, path, raw }): ScenarioOp => ({ op: 'get', as, path, raw_flags: raw }));

const withMaps = progMapOps(MAP_LABELS, PROG_LABELS, GET_LABELS);
/** BPF_F_TOKEN_FD with a label's fd (never a token here), an fd not open, or the fd without the flag. */
const token = fc.record({ fd: fc.constantFrom(null, ...MAP_LABELS, ...PROG_LABELS), flag: fc.boolean() });
const withToken = (create: fc.Arbitrary<ScenarioOp>): fc.Arbitrary<ScenarioOp> =>
  fc.tuple(create, token).map(([op, t]) => ({ ...op, token: t }) as ScenarioOp);

const flag = fc.constantFrom('any', 'noexist', 'exist') as fc.Arbitrary<'any' | 'noexist' | 'exist'>;

/** One random operation; element operations and object creation are weighted up, they carry most rules. */
export const randomOp: fc.Arbitrary<ScenarioOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ path }).map((r) => ({ op: 'mkdir', ...r }) as ScenarioOp) },
  // "z" without permission bits: the folder where bpf_lookup lets dotted names through.
  { weight: 1, arbitrary: fc.constant({ op: 'mkdir', path: 'z', mode: 0 } as ScenarioOp) },
  { weight: 1, arbitrary: fc.record({ path }).map((r) => ({ op: 'rmdir', ...r }) as ScenarioOp) },
  { weight: 2, arbitrary: fc.record({ path }).map((r) => ({ op: 'unlink', ...r }) as ScenarioOp) },
  {
    weight: 2,
    arbitrary: fc
      .record({ from: path, to: path, noreplace: fc.boolean(), exchange: fc.boolean() })
      .map((r) => ({ op: 'rename', ...r }) as ScenarioOp),
  },
  { weight: 1, arbitrary: fc.record({ from: path, to: path }).map((r) => ({ op: 'link', ...r }) as ScenarioOp) },
  { weight: 1, arbitrary: fc.record({ target: path, path }).map((r) => ({ op: 'symlink', ...r }) as ScenarioOp) },
  { weight: 1, arbitrary: fc.record({ path }).map((r) => ({ op: 'stat', ...r }) as ScenarioOp) },
  { weight: 1, arbitrary: fc.record({ path }).map((r) => ({ op: 'list', ...r }) as ScenarioOp) },
  { weight: 4, arbitrary: mapCreate },
  { weight: 2, arbitrary: progLoad },
  { weight: 3, arbitrary: withMaps.progLoad },
  { weight: 2, arbitrary: withMaps.nextId },
  { weight: 1, arbitrary: withMaps.getById },
  { weight: 1, arbitrary: withToken(mapCreate) },
  { weight: 1, arbitrary: withToken(progLoad) },
  {
    weight: 1,
    arbitrary: fc
      .record({ path, flags: fc.constantFrom(0, 1) })
      .map((r) => ({ op: 'token_create', ...r }) as ScenarioOp),
  },
  { weight: 4, arbitrary: fc.record({ handle: label, path }).map((r) => ({ op: 'pin', ...r }) as ScenarioOp) },
  { weight: 3, arbitrary: getOp },
  { weight: 1, arbitrary: rawGetOp },
  { weight: 2, arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'close', ...r }) as ScenarioOp) },
  { weight: 1, arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'info', ...r }) as ScenarioOp) },
  {
    weight: 3,
    arbitrary: fc
      .record({ handle: label, key, f: lookupFlags })
      .map(({ f, ...r }) => ({ op: 'lookup', ...r, ...f }) as ScenarioOp),
  },
  // A lookup whose value buffer holds a value going in: what a bloom filter peeks.
  {
    weight: 2,
    arbitrary: fc
      .record({ handle: label, value: fc.integer({ min: 0, max: 9 }).map(u64) })
      .map((r) => ({ op: 'lookup', handle: r.handle, key: null, value: r.value }) as ScenarioOp),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ handle: label, key, f: lookupFlags })
      .map(({ f, ...r }) => ({ op: 'lookup_and_delete', ...r, ...f }) as ScenarioOp),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({ handle: label, key, value, flag, f: updateFlags })
      .map(({ f, ...r }) => ({ op: 'update', ...r, ...f }) as ScenarioOp),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ handle: label, key: fc.integer({ min: 0, max: 5 }).map(u32) })
      .map((r) => ({ op: 'delete', ...r }) as ScenarioOp),
  },
  { weight: 1, arbitrary: fc.record({ handle: label, key }).map((r) => ({ op: 'next_key', ...r }) as ScenarioOp) },
  { weight: 2, arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'dump', ...r }) as ScenarioOp) },
  // In kernel order where that is deterministic (ZERO_SEED maps), sorted elsewhere.
  {
    weight: 1,
    arbitrary: fc.record({ handle: label, key }).map((r) => ({ op: 'next_key', ...r, ordered: true }) as ScenarioOp),
  },
  {
    weight: 1,
    arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'dump', handle: r.handle, ordered: true }) as ScenarioOp),
  },
  { weight: 1, arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'freeze', ...r }) as ScenarioOp) },
  { weight: 2, arbitrary: fc.record({ handle: label }).map((r) => ({ op: 'alive', ...r }) as ScenarioOp) },
  ...batchRandomOps(label, value),
  ...credentialRandomOps(path),
);

export const randomOps = (min = 20, max = 30): fc.Arbitrary<ScenarioOp[]> =>
  fc.array(randomOp, { minLength: min, maxLength: max });
