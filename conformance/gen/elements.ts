// docs/bpffs-semantics.md §6: element operations per map type, batch dumps and FREEZE.
import {
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
  u64,
  update,
} from './lib.js';

const queue = (as: string, max = 3): Op => map(as, 'queue', { key_size: 0, value_size: 4, max_entries: max });
const stack = (as: string, max = 3): Op => map(as, 'stack', { key_size: 0, value_size: 4, max_entries: max });
const ringbuf = (as: string): Op => map(as, 'ringbuf', { key_size: 0, value_size: 0, max_entries: 4096 });
const fill = (h: string, n: number, from = 0): Op[] =>
  Array.from({ length: n }, (_, i) => update(h, u32(from + i), u64(100 + from + i)));

export const elemScenarios: Def[] = [
  [
    'elem-hash-noexist-existing',
    'update NOEXIST of an existing key is EEXIST',
    [hash('m'), update('m', u32(1), u64(1)), update('m', u32(1), u64(2), 'noexist'), lookup('m', u32(1))],
  ],
  [
    'elem-hash-exist-missing',
    'update EXIST of a missing key is ENOENT',
    [hash('m'), update('m', u32(1), u64(1), 'exist'), lookup('m', u32(1))],
  ],
  [
    'elem-hash-exist-existing',
    'update EXIST of an existing key replaces',
    [hash('m'), update('m', u32(1), u64(1)), update('m', u32(1), u64(2), 'exist'), lookup('m', u32(1))],
  ],
  [
    'elem-hash-full',
    'inserting into a full hash is E2BIG, replacing is fine',
    [
      hash('m', { max_entries: 2 }),
      ...fill('m', 2),
      update('m', u32(9), u64(9)),
      update('m', u32(0), u64(5)),
      lookup('m', u32(0)),
      dump('m'),
    ],
  ],
  [
    'elem-hash-full-no-prealloc',
    'a full NO_PREALLOC hash is E2BIG too',
    [
      hash('m', { max_entries: 2, flags: ['no_prealloc'] }),
      ...fill('m', 2),
      update('m', u32(9), u64(9)),
      del('m', u32(0)),
      update('m', u32(9), u64(9)),
      dump('m'),
    ],
  ],
  ['elem-hash-delete-missing', 'delete of a missing key is ENOENT', [hash('m'), del('m', u32(1))]],
  ['elem-hash-lookup-missing', 'lookup of a missing key is ENOENT', [hash('m'), lookup('m', u32(1))]],
  [
    'elem-hash-delete',
    'delete removes the key',
    [hash('m'), update('m', u32(1), u64(1)), del('m', u32(1)), lookup('m', u32(1)), del('m', u32(1))],
  ],
  [
    'elem-hash-next-key-empty',
    'get_next_key of an empty hash is ENOENT',
    [hash('m'), nextKey('m', null), nextKey('m', u32(3))],
  ],
  [
    'elem-hash-next-key-one',
    'get_next_key walks a one-element hash',
    [hash('m'), update('m', u32(5), u64(1)), nextKey('m', null), nextKey('m', u32(5)), nextKey('m', u32(6))],
  ],
  [
    'elem-hash-key-size',
    'a key of the wrong size is EINVAL',
    [hash('m'), update('m', u32(1).slice(0, 6), u64(1)), lookup('m', u64(1)), del('m', '01'), nextKey('m', '0102')],
  ],
  [
    'elem-hash-value-size',
    'a value of the wrong size is EINVAL',
    [hash('m'), update('m', u32(1), u32(1)), lookup('m', u32(1))],
  ],
  ['elem-hash-null-key', 'a hash needs a key', [hash('m'), lookup('m', null), update('m', null, u64(1))]],
  [
    'elem-hash-handle-value',
    'a handle as the value of a hash is EINVAL',
    [hash('m'), hash('n'), update('m', u32(1), { handle: 'n' })],
  ],
  [
    'elem-hash-pop',
    'lookup_and_delete on a hash returns and removes',
    [hash('m'), update('m', u32(1), u64(4)), pop('m', u32(1)), lookup('m', u32(1)), pop('m', u32(1))],
  ],
  [
    'elem-percpu-hash',
    'per-CPU hash values travel as 8-byte slots per CPU',
    [
      map('m', 'percpu_hash', { value_size: 4 }),
      update('m', u32(1), u64(0x11) + u64(0x22)),
      lookup('m', u32(1)),
      update('m', u32(2), u32(1)),
      dump('m'),
    ],
  ],
  [
    'elem-percpu-hash-padding',
    'per-CPU padding bytes are not kept',
    [
      map('m', 'percpu_hash', { value_size: 4 }),
      update('m', u32(1), 'ffffffffffffffff'.repeat(2)),
      lookup('m', u32(1)),
    ],
  ],
  [
    'elem-lru-basic',
    'an LRU hash below capacity behaves like a hash',
    [
      map('m', 'lru_hash', { max_entries: 8 }),
      ...fill('m', 3),
      update('m', u32(1), u64(7), 'noexist'),
      update('m', u32(9), u64(7), 'exist'),
      del('m', u32(2)),
      dump('m'),
    ],
  ],
  [
    'elem-lru-full-insert',
    'inserting into a full LRU hash succeeds (it evicts)',
    [map('m', 'lru_hash', { max_entries: 2 }), ...fill('m', 2), update('m', u32(7), u64(7)), lookup('m', u32(7))],
  ],
  [
    'elem-lru-percpu',
    'an LRU per-CPU hash takes per-CPU values',
    [
      map('m', 'lru_percpu_hash', { max_entries: 8 }),
      update('m', u32(1), u64(1) + u64(2)),
      lookup('m', u32(1)),
      update('m', u32(1), u64(1)),
    ],
  ],
  [
    'elem-array-out-of-range',
    'update beyond max_entries is E2BIG, lookup ENOENT',
    [array('a'), update('a', u32(4), u64(1)), lookup('a', u32(4)), lookup('a', u32(0xffffffff))],
  ],
  [
    'elem-array-noexist',
    'update NOEXIST in an array is EEXIST',
    [array('a'), update('a', u32(0), u64(1), 'noexist'), update('a', u32(0), u64(1), 'exist'), lookup('a', u32(0))],
  ],
  ['elem-array-delete', 'delete in an array is EINVAL', [array('a'), del('a', u32(0)), del('a', u32(9))]],
  ['elem-array-zero-init', 'array elements start zeroed', [array('a', { value_size: 12 }), lookup('a', u32(3))]],
  [
    'elem-array-next-key',
    'array get_next_key: NULL and out-of-range give 0, the last ENOENT',
    [
      array('a'),
      nextKey('a', null),
      nextKey('a', u32(0)),
      nextKey('a', u32(2)),
      nextKey('a', u32(3)),
      nextKey('a', u32(4)),
      nextKey('a', u32(100)),
    ],
  ],
  ['elem-array-pop', 'lookup_and_delete on an array', [array('a'), pop('a', u32(0))]],
  [
    'elem-percpu-array',
    'per-CPU array values',
    [
      map('a', 'percpu_array', { value_size: 8, max_entries: 2 }),
      update('a', u32(1), u64(3) + u64(4)),
      lookup('a', u32(1)),
      lookup('a', u32(0)),
      update('a', u32(1), u64(3)),
    ],
  ],
  [
    'elem-percpu-array-odd-size',
    'per-CPU value_size 3 rounds to 8 bytes per CPU',
    [
      map('a', 'percpu_array', { value_size: 3, max_entries: 2 }),
      update('a', u32(0), '010203000000000004050600000000ff'),
      lookup('a', u32(0)),
    ],
  ],
  [
    'elem-queue-fifo',
    'a queue pushes and pops in FIFO order',
    [queue('q'), update('q', null, u32(1)), update('q', null, u32(2)), lookup('q', null), pop('q'), pop('q'), pop('q')],
  ],
  [
    'elem-stack-lifo',
    'a stack pops in LIFO order',
    [stack('s'), update('s', null, u32(1)), update('s', null, u32(2)), lookup('s', null), pop('s'), pop('s'), pop('s')],
  ],
  [
    'elem-queue-full',
    'pushing into a full queue is E2BIG; EXIST overwrites the oldest',
    [
      queue('q', 2),
      update('q', null, u32(1)),
      update('q', null, u32(2)),
      update('q', null, u32(3)),
      update('q', null, u32(4), 'exist'),
      pop('q'),
      pop('q'),
    ],
  ],
  [
    'elem-stack-full-exist',
    'EXIST on a full stack drops the oldest',
    [
      stack('s', 2),
      update('s', null, u32(1)),
      update('s', null, u32(2)),
      update('s', null, u32(3)),
      update('s', null, u32(4), 'exist'),
      pop('s'),
      pop('s'),
      pop('s'),
    ],
  ],
  [
    'elem-queue-noexist',
    'update NOEXIST on a queue is EINVAL',
    [queue('q'), update('q', null, u32(1), 'noexist'), lookup('q', null)],
  ],
  [
    'elem-queue-delete-next',
    'delete and get_next_key on a queue are EINVAL',
    [queue('q'), update('q', null, u32(1)), del('q', ''), nextKey('q', null)],
  ],
  ['elem-queue-empty', 'peek and pop of an empty queue are ENOENT', [queue('q'), lookup('q', null), pop('q')]],
  [
    'elem-queue-key-given',
    'a key for a queue is EINVAL',
    [queue('q'), update('q', u32(0), u32(1)), lookup('q', u32(0))],
  ],
  [
    'elem-ringbuf',
    'element operations on a ringbuf are ENOTSUPP (524)',
    [ringbuf('r'), lookup('r', null), update('r', null, ''), nextKey('r', null), dump('r')],
  ],
  [
    'elem-prog-array',
    'a prog_array stores programs and reads back their ids',
    [
      progArray('pa'),
      prog('p'),
      update('pa', u32(0), { handle: 'p' }),
      lookup('pa', u32(0)),
      lookup('pa', u32(1)),
      nextKey('pa', null),
    ],
  ],
  [
    'elem-prog-array-empty-slot',
    'delete of an empty prog_array slot is ENOENT',
    [progArray('pa'), del('pa', u32(0)), lookup('pa', u32(0))],
  ],
  [
    'elem-prog-array-flags',
    'prog_array updates need BPF_ANY',
    [
      progArray('pa'),
      prog('p'),
      update('pa', u32(0), { handle: 'p' }, 'noexist'),
      update('pa', u32(0), { handle: 'p' }, 'exist'),
      lookup('pa', u32(0)),
    ],
  ],
  [
    'elem-prog-array-out-of-range',
    'a prog_array index beyond max_entries is E2BIG',
    [progArray('pa'), prog('p'), update('pa', u32(4), { handle: 'p' })],
  ],
  [
    'elem-prog-array-bytes',
    'raw bytes as a prog_array value are EINVAL',
    [progArray('pa'), update('pa', u32(0), u32(1))],
  ],
  [
    'elem-prog-array-map-value',
    'a map as a prog_array value is EINVAL',
    [progArray('pa'), hash('m'), update('pa', u32(0), { handle: 'm' })],
  ],
  [
    'elem-prog-array-closed-prog',
    'a closed program as a prog_array value is EBADF',
    [progArray('pa'), prog('p'), close('p'), update('pa', u32(0), { handle: 'p' })],
  ],
  [
    'elem-prog-array-mixed-types',
    'a prog_array takes programs of one type',
    [
      progArray('pa'),
      prog('p'),
      prog('x', { type: 'xdp' }),
      update('pa', u32(0), { handle: 'p' }),
      update('pa', u32(1), { handle: 'x' }),
      dump('pa'),
    ],
  ],
  [
    'elem-array-of-maps',
    'an array_of_maps stores maps and reads back their ids',
    [
      array('in'),
      map('out', 'array_of_maps', { value_size: 4, inner: 'in' }),
      array('a2'),
      update('out', u32(1), { handle: 'a2' }),
      lookup('out', u32(1)),
      lookup('out', u32(0)),
      dump('out'),
    ],
  ],
  [
    'elem-map-in-map-mismatch',
    'an inner map unlike the template is EINVAL',
    [
      array('in'),
      map('out', 'array_of_maps', { value_size: 4, inner: 'in' }),
      array('big', { value_size: 16 }),
      update('out', u32(0), { handle: 'big' }),
      hash('h'),
      update('out', u32(0), { handle: 'h' }),
    ],
  ],
  [
    'elem-map-in-map-bytes',
    'raw bytes as a map-in-map value are EINVAL',
    [array('in'), map('out', 'hash_of_maps', { value_size: 4, inner: 'in' }), update('out', u32(0), u32(1))],
  ],
  [
    'elem-hash-of-maps',
    'a hash_of_maps stores maps under keys',
    [
      hash('in'),
      map('out', 'hash_of_maps', { value_size: 4, inner: 'in' }),
      hash('a'),
      hash('b'),
      update('out', u32(1), { handle: 'a' }),
      update('out', u32(2), { handle: 'b' }),
      update('out', u32(2), { handle: 'a' }, 'noexist'),
      dump('out'),
    ],
  ],
  [
    'elem-closed-handle',
    'element operations on a closed handle are EBADF',
    [hash('m'), close('m'), lookup('m', u32(1)), update('m', u32(1), u64(1)), del('m', u32(1)), dump('m')],
  ],
  [
    'elem-lpm',
    'an LPM trie stores prefixes',
    [
      map('t', 'lpm_trie', { key_size: 8, value_size: 4, flags: ['no_prealloc'] }),
      update('t', u32(16) + '0a000000', u32(1)),
      update('t', u32(24) + '0a000100', u32(2)),
      lookup('t', u32(32) + '0a000105'),
      lookup('t', u32(32) + '0a00ff05'),
      lookup('t', u32(32) + '0b000000'),
      dump('t'),
    ],
  ],
  [
    'elem-lpm-prefix-too-long',
    'an LPM prefix longer than the data is EINVAL',
    [
      map('t', 'lpm_trie', { key_size: 8, value_size: 4, flags: ['no_prealloc'] }),
      update('t', u32(33) + '0a000000', u32(1)),
      del('t', u32(8) + '0a000000'),
    ],
  ],
];

export const batchScenarios: Def[] = [
  ['batch-hash', 'dump of a hash returns every entry', [hash('m', { max_entries: 16 }), ...fill('m', 10), dump('m')]],
  ['batch-hash-empty', 'dump of an empty hash is empty', [hash('m'), dump('m')]],
  ['batch-hash-many', 'dump of a larger hash', [hash('m', { max_entries: 300 }), ...fill('m', 200), dump('m')]],
  [
    'batch-hash-after-delete',
    'dump reflects deletes',
    [hash('m', { max_entries: 8 }), ...fill('m', 5), del('m', u32(2)), del('m', u32(4)), dump('m')],
  ],
  [
    'batch-hash-no-prealloc',
    'dump of a NO_PREALLOC hash',
    [hash('m', { max_entries: 8, flags: ['no_prealloc'] }), ...fill('m', 6), dump('m')],
  ],
  [
    'batch-array',
    'dump of an array is in index order and includes zeroed slots',
    [array('a', { max_entries: 6 }), update('a', u32(4), u64(4)), update('a', u32(1), u64(1)), dump('a')],
  ],
  [
    'batch-array-large',
    'dump of a 300-slot array',
    [array('a', { max_entries: 300, value_size: 4 }), update('a', u32(299), u32(7)), dump('a')],
  ],
  [
    'batch-percpu-array',
    'dump of a per-CPU array',
    [map('a', 'percpu_array', { value_size: 4, max_entries: 3 }), update('a', u32(2), u64(1) + u64(2)), dump('a')],
  ],
  [
    'batch-percpu-hash',
    'dump of a per-CPU hash',
    [
      map('m', 'percpu_hash', { value_size: 8 }),
      update('m', u32(1), u64(1) + u64(2)),
      update('m', u32(2), u64(3) + u64(4)),
      dump('m'),
    ],
  ],
  [
    'batch-lru-hash',
    'dump of an LRU hash below capacity',
    [map('m', 'lru_hash', { max_entries: 16 }), ...fill('m', 5), dump('m')],
  ],
  [
    'batch-prog-array',
    'dump of a prog_array falls back to get_next_key',
    [
      progArray('pa'),
      prog('p'),
      prog('q'),
      update('pa', u32(3), { handle: 'p' }),
      update('pa', u32(1), { handle: 'q' }),
      dump('pa'),
    ],
  ],
  [
    'batch-queue',
    'dump of a queue fails like get_next_key (EINVAL)',
    [map('q', 'queue', { key_size: 0, value_size: 4 }), update('q', null, u32(1)), dump('q')],
  ],
  [
    'batch-stack',
    'dump of a stack fails like get_next_key (EINVAL)',
    [map('s', 'stack', { key_size: 0, value_size: 4 }), dump('s')],
  ],
  [
    'batch-ringbuf',
    'dump of a ringbuf is ENOTSUPP (524)',
    [map('r', 'ringbuf', { key_size: 0, value_size: 0, max_entries: 4096 }), dump('r')],
  ],
  [
    'batch-array-of-maps',
    'dump of an array_of_maps shows its inner maps',
    [
      array('in'),
      map('o', 'array_of_maps', { value_size: 4, inner: 'in', max_entries: 3 }),
      update('o', u32(2), { handle: 'in' }),
      dump('o'),
    ],
  ],
  [
    'batch-lpm',
    'dump of an LPM trie',
    [
      map('t', 'lpm_trie', { key_size: 8, value_size: 4, flags: ['no_prealloc'] }),
      update('t', u32(8) + '0a000000', u32(1)),
      update('t', u32(16) + '0a010000', u32(2)),
      dump('t'),
    ],
  ],
  [
    'batch-wronly',
    'dump through a write-only handle is EPERM',
    [hash('m'), pin('m', 'm'), get('w', 'm', 'wronly'), dump('w')],
  ],
  [
    'batch-frozen',
    'dump of a frozen map still works',
    [array('a', { max_entries: 2 }), update('a', u32(0), u64(1)), freeze('a'), dump('a')],
  ],
];

export const freezeScenarios: Def[] = [
  [
    'freeze-update',
    'update after freeze is EPERM',
    [
      hash('m'),
      update('m', u32(1), u64(1)),
      freeze('m'),
      update('m', u32(1), u64(2)),
      update('m', u32(2), u64(2)),
      lookup('m', u32(1)),
    ],
  ],
  [
    'freeze-delete',
    'delete after freeze is EPERM',
    [hash('m'), update('m', u32(1), u64(1)), freeze('m'), del('m', u32(1)), lookup('m', u32(1))],
  ],
  ['freeze-twice', 'freezing a frozen map is EPERM', [array('a'), freeze('a'), freeze('a')]],
  ['freeze-info', 'info says frozen after freeze', [array('a'), info('a'), freeze('a'), info('a')]],
  [
    'freeze-via-other-handle',
    'a frozen map is frozen through every handle',
    [hash('m'), pin('m', 'm'), freeze('m'), get('g', 'm'), update('g', u32(1), u64(1)), info('g')],
  ],
  [
    'freeze-ro-handle',
    'freeze through a read-only handle is EPERM',
    [array('a'), pin('a', 'a'), get('r', 'a', 'rdonly'), freeze('r'), update('a', u32(0), u64(1))],
  ],
  ['freeze-prog', 'freeze of a program handle is EINVAL', [prog('p'), freeze('p')]],
  [
    'freeze-queue',
    'a frozen queue refuses push and pop but allows peek',
    [
      map('q', 'queue', { key_size: 0, value_size: 4 }),
      update('q', null, u32(1)),
      freeze('q'),
      update('q', null, u32(2)),
      lookup('q', null),
      pop('q'),
    ],
  ],
  [
    'freeze-array-lookup',
    'lookup and get_next_key still work on a frozen array',
    [array('a'), update('a', u32(1), u64(9)), freeze('a'), lookup('a', u32(1)), nextKey('a', u32(1))],
  ],
  [
    'freeze-prog-array',
    'a frozen prog_array refuses updates',
    [progArray('pa'), prog('p'), freeze('pa'), update('pa', u32(0), { handle: 'p' })],
  ],
  ['freeze-closed', 'freeze of a closed handle is EBADF', [array('a'), close('a'), freeze('a')]],
];

export const infoScenarios: Def[] = [
  ['info-hash', 'info of a hash', [hash('m', { name: 'h1' }), info('m')]],
  ['info-array', 'info of an array', [array('a', { value_size: 16, max_entries: 10 }), info('a')]],
  ['info-percpu-array', 'info of a per-CPU array', [map('a', 'percpu_array', { value_size: 4 }), info('a')]],
  ['info-lru', 'info of an LRU hash', [map('m', 'lru_hash'), info('m')]],
  ['info-prog', 'info of a program: tag, lengths, license', [prog('p'), info('p')]],
  [
    'info-prog-ret1',
    'info of another program: a different tag',
    [prog('p', { insns: '' + 'b701000001000000' + '9500000000000000' }), info('p')],
  ],
  ['info-prog-kprobe', 'info of a kprobe program', [prog('p', { type: 'kprobe' }), info('p')]],
  ['info-prog-sched-cls', 'info of a sched_cls program', [prog('p', { type: 'sched_cls' }), info('p')]],
  ['info-get-ro', 'info through a read-only handle', [hash('m'), pin('m', 'm'), get('r', 'm', 'rdonly'), info('r')]],
  ['info-closed', 'info of a closed handle is EBADF', [hash('m'), close('m'), info('m')]],
  [
    'info-hash-of-maps',
    'info of a hash_of_maps',
    [hash('in', { key_size: 8 }), map('o', 'hash_of_maps', { value_size: 4, inner: 'in' }), info('o')],
  ],
];
