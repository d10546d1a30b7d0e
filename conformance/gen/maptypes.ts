// Map types and create-time rules beyond the common ones: names checked after allocation, value handles
// resolved after the permission check, LPM / bloom / perf_event_array element rules, the hash bucket
// limit, allocation failures, and the device / socket / cgroup / stack map types.
import {
  alive,
  array,
  close,
  type Def,
  del,
  dump,
  freeze,
  get,
  hash,
  info,
  lookup,
  map,
  nextKey,
  type Op,
  pin,
  pop,
  prog,
  progArray,
  u32,
  update,
} from './lib.js';

const BAD = 'abcdefghijklmnop';

/** [file, title, operations after the group's common setup] */
type Row = [string, string, Op[]];
/** One scenario per row, each starting with the same setup operations. */
const table = (setup: () => Op[], rows: Row[]): Def[] =>
  rows.map(([file, title, ops]): Def => [file, title, [...setup(), ...ops]]);

const names: Def[] = table(
  () => [],
  [
    [
      'order-name-after-e2big',
      'an oversized hash with a bad name is E2BIG',
      [hash('m', { key_size: 4 << 20, name: BAD })],
    ],
    [
      'order-name-after-524',
      'an LRU with NO_PREALLOC and a bad name is ENOTSUPP',
      [map('m', 'lru_hash', { flags: ['no_prealloc'], name: 'bad-name' })],
    ],
    [
      'order-name-after-enomem',
      'an array larger than memory with a bad name is ENOMEM',
      [array('m', { value_size: 1 << 16, max_entries: 1 << 22, name: 'a b' })],
    ],
    [
      'order-name-after-buckets',
      'a hash whose bucket array overflows, with a bad name, is E2BIG',
      [hash('m', { max_entries: 1 << 28, name: BAD })],
    ],
    [
      'order-name-after-max-2g',
      'a hash over 2^31 entries with a bad name is E2BIG',
      [hash('m', { max_entries: 2 ** 31 + 1, name: 'x-y' })],
    ],
    [
      'order-name-after-flags',
      'a bad flag and a bad name are one EINVAL',
      [hash('m', { flags: ['mmapable'], name: 'x-y' })],
    ],
    ['order-name-16-ok-shape', 'a 16-character name on a valid map is EINVAL', [array('m', { name: BAD })]],
    ['order-prog-name-after-e2big', 'an empty program with a bad name is E2BIG', [prog('p', { name: BAD, insns: '' })]],
    [
      'order-prog-name-before-verifier',
      'a bad name comes before the verifier',
      [prog('p', { name: 'x-y', insns: '9500000000000000' })],
    ],
  ],
);

const progArrayPinned = (): Op[] => [progArray('m'), pin('m', 'm'), get('g', 'm', 'rdonly'), prog('p'), close('p')];
const progArrayHandles: Def[] = table(progArrayPinned, [
  [
    'order-ro-before-value-handle',
    'a read-only handle is EPERM before a closed value handle',
    [update('g', u32(0), { handle: 'p' })],
  ],
  [
    'order-flags-before-value-handle',
    'a prog_array update with NOEXIST is EINVAL before the value handle',
    [update('m', u32(0), { handle: 'p' }, 'noexist')],
  ],
  [
    'order-index-before-value-handle',
    'an index beyond max_entries is E2BIG before the value handle',
    [update('m', u32(9), { handle: 'p' })],
  ],
  ['order-value-handle-closed', 'a closed value handle is EBADF', [update('m', u32(0), { handle: 'p' })]],
]);
const innerHandles: Def[] = table(
  () => [array('t')],
  [
    [
      'order-hash-of-maps-ro-closed',
      'a read-only hash_of_maps handle is EPERM before a closed inner map',
      [
        map('hm', 'hash_of_maps', { value_size: 4, inner: 't' }),
        pin('hm', 'hm'),
        get('g', 'hm', 'rdonly'),
        array('a'),
        close('a'),
        update('g', u32(1), { handle: 'a' }),
      ],
    ],
    [
      'order-hash-of-maps-handle-before-flags',
      'a hash_of_maps resolves the inner map before it looks at the flags',
      [
        map('hm', 'hash_of_maps', { value_size: 4, inner: 't' }),
        array('a'),
        update('hm', u32(1), { handle: 'a' }),
        array('b'),
        close('b'),
        update('hm', u32(1), { handle: 'b' }, 'noexist'),
      ],
    ],
    [
      'order-frozen-before-value-handle',
      'a frozen array_of_maps is EPERM before a closed value handle',
      [
        map('am', 'array_of_maps', { value_size: 4, inner: 't' }),
        freeze('am'),
        array('a'),
        close('a'),
        update('am', u32(0), { handle: 'a' }),
      ],
    ],
  ],
);

const mapInMap = (type: 'hash_of_maps' | 'array_of_maps') => (): Op[] => [
  array('t'),
  map('mm', type, { value_size: 4, inner: 't' }),
  array('a'),
  array('b'),
];
const putA = update('mm', u32(1), { handle: 'a' });
const putB = update('mm', u32(1), { handle: 'b' });
const hashOfMaps: Def[] = table(mapInMap('hash_of_maps'), [
  [
    'life-hash-of-maps-replace',
    'replacing a hash_of_maps entry drops the old inner map, keeps the new one',
    [putA, putB, close('a'), close('b'), alive('a'), alive('b'), lookup('mm', u32(1))],
  ],
  [
    'life-hash-of-maps-replace-same',
    'replacing a hash_of_maps entry with the same inner map keeps it',
    [putA, putA, close('a'), alive('a'), del('mm', u32(1)), alive('a')],
  ],
  [
    'life-hash-of-maps-exist-replace',
    'an EXIST update of a hash_of_maps replaces and drops the old inner map',
    [
      update('mm', u32(2), { handle: 'a' }),
      update('mm', u32(2), { handle: 'b' }, 'exist'),
      close('a'),
      alive('a'),
      dump('mm'),
    ],
  ],
  [
    'life-hash-of-maps-failed-noexist',
    'a failed NOEXIST update of a hash_of_maps keeps both inner maps as they were',
    [
      update('mm', u32(2), { handle: 'a' }),
      update('mm', u32(2), { handle: 'b' }, 'noexist'),
      close('a'),
      close('b'),
      alive('a'),
      alive('b'),
    ],
  ],
]);
const arrayOfMaps: Def[] = table(mapInMap('array_of_maps'), [
  [
    'life-array-of-maps-replace',
    'replacing an array_of_maps slot drops the old inner map',
    [putA, putB, close('a'), close('b'), alive('a'), alive('b')],
  ],
]);

const pfx = (len: number, a: number, b: number, c: number, d: number): string =>
  u32(len) + [a, b, c, d].map((x) => x.toString(16).padStart(2, '0')).join('');
/** An LPM trie l holding 10.0.0.0/8 -> 1. */
const lpmWith8 = (): Op[] => [
  map('l', 'lpm_trie', { key_size: 8, value_size: 4, flags: ['no_prealloc'] }),
  update('l', pfx(8, 10, 0, 0, 0), u32(1)),
];
const lpms: Def[] = table(lpmWith8, [
  [
    'lpm-lookup-prefix-too-long',
    'an LPM lookup with a prefix over max_prefixlen',
    [lookup('l', pfx(33, 10, 0, 0, 1)), lookup('l', pfx(32, 10, 0, 0, 1))],
  ],
  [
    'lpm-delete-prefix-too-long',
    'an LPM delete with a prefix over max_prefixlen',
    [del('l', pfx(33, 10, 0, 0, 0)), del('l', pfx(255, 10, 0, 0, 0))],
  ],
  [
    'lpm-next-key-prefix-too-long',
    'get_next_key from a prefix over max_prefixlen',
    [nextKey('l', pfx(40, 10, 0, 0, 0))],
  ],
  [
    'lpm-lookup-longest',
    'the longest matching prefix wins',
    [
      update('l', pfx(16, 10, 1, 0, 0), u32(2)),
      lookup('l', pfx(32, 10, 1, 2, 3)),
      lookup('l', pfx(32, 10, 2, 2, 3)),
      lookup('l', pfx(32, 11, 0, 0, 0)),
    ],
  ],
  [
    'lpm-delete-exact-only',
    'delete needs the exact prefix',
    [del('l', pfx(16, 10, 0, 0, 0)), del('l', pfx(8, 10, 9, 9, 9)), dump('l')],
  ],
  ['lpm-pop', 'lookup_and_delete on an LPM trie', [pop('l', pfx(8, 10, 0, 0, 0))]],
  [
    'lpm-next-key-order',
    'get_next_key walks an LPM trie in post-order',
    [
      update('l', pfx(16, 10, 1, 0, 0), u32(2)),
      update('l', pfx(24, 10, 1, 1, 0), u32(3)),
      update('l', pfx(16, 10, 2, 0, 0), u32(4)),
      nextKey('l', null),
      nextKey('l', pfx(24, 10, 1, 1, 0)),
      nextKey('l', pfx(16, 10, 1, 0, 0)),
      nextKey('l', pfx(16, 10, 2, 0, 0)),
      nextKey('l', pfx(8, 10, 0, 0, 0)),
    ],
  ],
]);
const lpmZero: Def[] = table(
  () => [map('l', 'lpm_trie', { key_size: 8, value_size: 4, flags: ['no_prealloc'] })],
  [
    [
      'lpm-lookup-zero-prefix',
      'a /0 entry matches everything',
      [update('l', pfx(0, 0, 0, 0, 0), u32(7)), lookup('l', pfx(32, 192, 168, 1, 1)), lookup('l', pfx(0, 1, 2, 3, 4))],
    ],
  ],
);

const bloom = (o: { extra?: number } = {}): Op =>
  map('b', 'bloom_filter', {
    key_size: 0,
    value_size: 4,
    max_entries: 1,
    flags: ['zero_seed'],
    ...(o.extra !== undefined ? { map_extra: o.extra } : {}),
  });
/** A bloom filter b (zero seed) with the value 1 pushed. */
const bloomWith1 = (): Op[] => [bloom(), update('b', null, u32(1))];
const bloomPushed: Def[] = table(bloomWith1, [
  ['bloom-delete', 'bloom filter delete is EOPNOTSUPP', [{ op: 'delete', handle: 'b', key: '' }]],
  ['bloom-next-key', 'bloom filter get_next_key is EOPNOTSUPP', [nextKey('b', null)]],
  ['bloom-dump', 'a bloom filter cannot be dumped', [dump('b')]],
  ['bloom-pop', 'bloom filter lookup_and_delete', [pop('b')]],
]);
const bloomFresh: Def[] = table(
  () => [],
  [
    [
      'bloom-member-zero',
      'the syscall peeks the zero value: found once pushed',
      [bloom(), lookup('b', null), update('b', null, u32(0)), lookup('b', null)],
    ],
    [
      'bloom-zero-not-pushed',
      'the zero value is not found when only others were pushed',
      [bloom({ extra: 1 }), update('b', null, u32(5)), update('b', null, u32(9)), lookup('b', null)],
    ],
    [
      'bloom-flags',
      'a bloom filter push with NOEXIST or EXIST',
      [bloom(), update('b', null, u32(1), 'noexist'), update('b', null, u32(1), 'exist')],
    ],
    ['bloom-key-given', 'a bloom filter lookup with a key of 4 bytes', [bloom(), lookup('b', u32(1)), info('b')]],
  ],
);

const perfArray = (): Op[] => [map('pa', 'perf_event_array', { value_size: 4 })];
const perfEventArrays: Def[] = table(perfArray, [
  [
    'perf-event-array-map-value',
    'a perf_event_array refuses a map fd (EBADF)',
    [array('a'), update('pa', u32(0), { handle: 'a' })],
  ],
  [
    'perf-event-array-prog-value',
    'a perf_event_array refuses a program fd (EBADF)',
    [prog('p'), update('pa', u32(0), { handle: 'p' })],
  ],
  [
    'perf-event-array-out-of-range',
    'a perf_event_array index beyond max_entries',
    [prog('p'), update('pa', u32(9), { handle: 'p' })],
  ],
  [
    'perf-event-array-lookup',
    'a perf_event_array lookup',
    [lookup('pa', u32(0)), nextKey('pa', null), del('pa', u32(0))],
  ],
]);

const BIG = { value_size: 1 << 16, max_entries: 1 << 22 };
const sizes: Def[] = table(
  () => [],
  [
    [
      'bucket-hash-2-27',
      'a hash of 2^27 entries with NO_PREALLOC has a bucket array that fits',
      [hash('m', { max_entries: 1 << 27, flags: ['no_prealloc'] }), info('m')],
    ],
    [
      'bucket-hash-2-27-plus-1',
      'a hash of 2^27 + 1 entries needs 2^28 buckets: E2BIG',
      [hash('m', { max_entries: (1 << 27) + 1, flags: ['no_prealloc'] })],
    ],
    ['bucket-lru-2-28', 'an LRU hash whose bucket array overflows', [map('m', 'lru_hash', { max_entries: 1 << 28 })]],
    [
      'bucket-hash-of-maps-2-28',
      'a hash_of_maps whose bucket array overflows',
      [array('t'), map('m', 'hash_of_maps', { value_size: 4, max_entries: 1 << 28, inner: 't' })],
    ],
    ['enomem-array', 'an array larger than memory is ENOMEM', [array('m', BIG)]],
    ['enomem-hash-prealloc', 'a preallocated hash larger than memory is ENOMEM', [hash('m', BIG)]],
    [
      'enomem-hash-no-prealloc',
      'a NO_PREALLOC hash larger than memory is created',
      [hash('m', { ...BIG, flags: ['no_prealloc'] }), info('m')],
    ],
    ['enomem-mmapable-array', 'an mmapable array larger than memory', [array('m', { ...BIG, flags: ['mmapable'] })]],
  ],
);

type Shape = { type: Parameters<typeof map>[1]; key: number; value: number; max?: number; flags?: string[] };
const SHAPES: [string, Shape][] = [
  ['devmap', { type: 'devmap', key: 4, value: 4 }],
  ['devmap-value-8', { type: 'devmap', key: 4, value: 8 }],
  ['devmap-value-6', { type: 'devmap', key: 4, value: 6 }],
  ['devmap-key-8', { type: 'devmap', key: 8, value: 4 }],
  ['devmap-hash', { type: 'devmap_hash', key: 4, value: 4 }],
  ['devmap-hash-value-8', { type: 'devmap_hash', key: 4, value: 8 }],
  ['devmap-rdonly-prog', { type: 'devmap', key: 4, value: 4, flags: ['rdonly_prog'] }],
  ['devmap-wronly-prog', { type: 'devmap', key: 4, value: 4, flags: ['wronly_prog'] }],
  ['devmap-no-prealloc', { type: 'devmap', key: 4, value: 4, flags: ['no_prealloc'] }],
  ['cpumap', { type: 'cpumap', key: 4, value: 4 }],
  ['cpumap-value-8', { type: 'cpumap', key: 4, value: 8 }],
  ['cpumap-value-12', { type: 'cpumap', key: 4, value: 12 }],
  ['cpumap-max-huge', { type: 'cpumap', key: 4, value: 4, max: 100000 }],
  ['sockmap', { type: 'sockmap', key: 4, value: 4 }],
  ['sockmap-value-8', { type: 'sockmap', key: 4, value: 8 }],
  ['sockmap-value-2', { type: 'sockmap', key: 4, value: 2 }],
  ['sockmap-key-8', { type: 'sockmap', key: 8, value: 4 }],
  ['sockhash', { type: 'sockhash', key: 12, value: 4 }],
  ['sockhash-value-8', { type: 'sockhash', key: 4, value: 8 }],
  ['sockhash-key-0', { type: 'sockhash', key: 0, value: 4 }],
  ['cgroup-array', { type: 'cgroup_array', key: 4, value: 4 }],
  ['cgroup-array-value-8', { type: 'cgroup_array', key: 4, value: 8 }],
  ['stack-trace', { type: 'stack_trace', key: 4, value: 64 }],
  ['stack-trace-value-12', { type: 'stack_trace', key: 4, value: 12 }],
  ['stack-trace-key-8', { type: 'stack_trace', key: 8, value: 64 }],
  ['stack-trace-value-0', { type: 'stack_trace', key: 4, value: 0 }],
  ['stack-trace-build-id', { type: 'stack_trace', key: 4, value: 32, flags: ['stack_build_id'] }],
  ['xskmap', { type: 'xskmap', key: 4, value: 4 }],
  ['xskmap-value-8', { type: 'xskmap', key: 4, value: 8 }],
  ['reuseport-sockarray', { type: 'reuseport_sockarray', key: 4, value: 4 }],
  ['reuseport-sockarray-value-8', { type: 'reuseport_sockarray', key: 4, value: 8 }],
  ['reuseport-sockarray-value-2', { type: 'reuseport_sockarray', key: 4, value: 2 }],
];
const RULES: [string, Shape][] = [
  ['cpumap-max-8192', { type: 'cpumap', key: 4, value: 4, max: 8192 }],
  ['cpumap-max-8193', { type: 'cpumap', key: 4, value: 4, max: 8193 }],
  ['cpumap-rdonly', { type: 'cpumap', key: 4, value: 4, flags: ['rdonly'] }],
  ['devmap-rdonly', { type: 'devmap', key: 4, value: 4, flags: ['rdonly'] }],
  ['devmap-max-0', { type: 'devmap', key: 4, value: 4, max: 0 }],
  ['devmap-hash-max-2g', { type: 'devmap_hash', key: 4, value: 4, max: 2 ** 31 + 1 }],
  ['devmap-hash-no-prealloc', { type: 'devmap_hash', key: 4, value: 4, flags: ['no_prealloc'] }],
  ['stack-trace-127-frames', { type: 'stack_trace', key: 4, value: 127 * 8 }],
  ['stack-trace-128-frames', { type: 'stack_trace', key: 4, value: 128 * 8 }],
  ['stack-trace-build-id-40', { type: 'stack_trace', key: 4, value: 40, flags: ['stack_build_id'] }],
  ['stack-trace-zero-seed', { type: 'stack_trace', key: 4, value: 64, flags: ['zero_seed'] }],
  ['stack-trace-max-0', { type: 'stack_trace', key: 4, value: 64, max: 0 }],
  ['sockhash-key-512', { type: 'sockhash', key: 512, value: 8 }],
  ['sockhash-key-513', { type: 'sockhash', key: 513, value: 8 }],
  ['sockmap-no-prealloc', { type: 'sockmap', key: 4, value: 8, flags: ['no_prealloc'] }],
  ['xskmap-key-8', { type: 'xskmap', key: 8, value: 4 }],
  ['cgroup-array-rdonly-prog', { type: 'cgroup_array', key: 4, value: 4, flags: ['rdonly_prog'] }],
  ['reuseport-sockarray-key-8', { type: 'reuseport_sockarray', key: 8, value: 8 }],
  ['reuseport-sockarray-mmapable', { type: 'reuseport_sockarray', key: 4, value: 8, flags: ['mmapable'] }],
  ['perf-event-array-preserve', { type: 'perf_event_array', key: 4, value: 4, flags: ['preserve_elems'] }],
  ['array-preserve-elems', { type: 'array', key: 4, value: 4, flags: ['preserve_elems'] }],
  ['hash-bucket-exact-2-27', { type: 'lru_hash', key: 4, value: 8, max: (1 << 27) + 1 }],
];
/** The map a shape describes, created as m. */
const shapeMap = (s: Shape): Op =>
  map('m', s.type, { key_size: s.key, value_size: s.value, max_entries: s.max ?? 4, flags: (s.flags ?? []) as never });
const flagText = (s: Shape): string => (s.flags?.length ? `, ${s.flags.join(' ')}` : '');

const rules: Def[] = RULES.map(
  ([file, s]): Def => [
    `rule-${file}`,
    `${s.type}: key ${s.key}, value ${s.value}, max ${s.max ?? 4}${flagText(s)}`,
    [shapeMap(s), info('m')],
  ],
);

const kinds: Def[] = SHAPES.map(
  ([file, s]): Def => [
    `type-${file}`,
    `${s.type} with key ${s.key}, value ${s.value}${flagText(s)}`,
    [shapeMap(s), info('m'), lookup('m', s.key === 4 ? u32(0) : '00'.repeat(s.key)), nextKey('m', null), dump('m')],
  ],
);

export const mapTypeScenarios: Def[] = [
  ...names,
  ...progArrayHandles,
  ...innerHandles,
  ...hashOfMaps,
  ...arrayOfMaps,
  ...lpms,
  ...lpmZero,
  ...bloomPushed,
  ...bloomFresh,
  ...perfEventArrays,
  ...sizes,
  ...kinds,
  ...rules,
];
