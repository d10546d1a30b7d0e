// docs/bpffs-semantics.md §5: BPF_MAP_CREATE rules per map type, and what info reports afterwards.
import { array, close, type Def, hash, info, lookup, map, prog, RET1, u32, u64, update } from './lib.js';

const page = 4096;

export const createScenarios: Def[] = [
  ['create-rdonly-wronly', 'RDONLY together with WRONLY is EINVAL', [hash('m', { flags: ['rdonly', 'wronly'] })]],
  [
    'create-rdonly-handle',
    'a map created RDONLY gives a read-only handle and no flag in info',
    [hash('m', { flags: ['rdonly'] }), info('m'), update('m', u32(1), u64(1)), lookup('m', u32(1))],
  ],
  [
    'create-wronly-handle',
    'a map created WRONLY gives a write-only handle',
    [hash('m', { flags: ['wronly'] }), info('m'), update('m', u32(1), u64(1)), lookup('m', u32(1))],
  ],
  ['create-array-key-8', 'an array with key_size 8 is EINVAL', [array('m', { key_size: 8 })]],
  ['create-array-value-0', 'an array with value_size 0 is EINVAL', [array('m', { value_size: 0 })]],
  ['create-array-max-0', 'an array with max_entries 0 is EINVAL', [array('m', { max_entries: 0 })]],
  ['create-array-no-prealloc', 'an array with NO_PREALLOC is EINVAL', [array('m', { flags: ['no_prealloc'] })]],
  ['create-array-zero-seed', 'an array with ZERO_SEED is EINVAL', [array('m', { flags: ['zero_seed'] })]],
  ['create-array-mmapable', 'MMAPABLE is accepted on an array', [array('m', { flags: ['mmapable'] }), info('m')]],
  [
    'create-percpu-array-mmapable',
    'MMAPABLE on a per-CPU array is EINVAL',
    [map('m', 'percpu_array', { flags: ['mmapable'] })],
  ],
  [
    'create-percpu-array-value-too-big',
    'a per-CPU array value over 32 KiB is E2BIG',
    [map('m', 'percpu_array', { value_size: 32769 })],
  ],
  [
    'create-percpu-array-value-32k',
    'a per-CPU array value of exactly 32 KiB works',
    [map('m', 'percpu_array', { value_size: 32768, max_entries: 1 }), info('m')],
  ],
  [
    'create-percpu-array-key-8',
    'a per-CPU array with key_size 8 is EINVAL',
    [map('m', 'percpu_array', { key_size: 8 })],
  ],
  [
    'create-array-rdonly-prog',
    'RDONLY_PROG is kept in map_flags',
    [array('m', { flags: ['rdonly_prog'] }), info('m'), update('m', u32(0), u64(1))],
  ],
  ['create-hash-key-0', 'a hash with key_size 0 is EINVAL', [hash('m', { key_size: 0 })]],
  ['create-hash-value-0', 'a hash with value_size 0 is EINVAL', [hash('m', { value_size: 0 })]],
  ['create-hash-max-0', 'a hash with max_entries 0 is EINVAL', [hash('m', { max_entries: 0 })]],
  ['create-hash-mmapable', 'MMAPABLE on a hash is EINVAL', [hash('m', { flags: ['mmapable'] })]],
  ['create-hash-no-common-lru', 'NO_COMMON_LRU on a plain hash is EINVAL', [hash('m', { flags: ['no_common_lru'] })]],
  [
    'create-hash-no-prealloc',
    'NO_PREALLOC on a hash is kept in map_flags',
    [hash('m', { flags: ['no_prealloc'] }), info('m')],
  ],
  [
    'create-hash-zero-seed',
    'ZERO_SEED on a hash is kept in map_flags',
    [hash('m', { flags: ['zero_seed'] }), info('m')],
  ],
  ['create-hash-value-4mib', 'a hash value near 4 MiB is E2BIG', [hash('m', { value_size: 4 * 1024 * 1024 })]],
  [
    'create-hash-key-4mib',
    'a hash key near 4 MiB is E2BIG',
    [hash('m', { key_size: 4 * 1024 * 1024, flags: ['no_prealloc'] })],
  ],
  [
    'create-hash-max-over-2g',
    'a hash with more than 2^31 entries is E2BIG',
    [hash('m', { max_entries: 2 ** 31 + 1, flags: ['no_prealloc'] })],
  ],
  [
    'create-percpu-hash-value-too-big',
    'a per-CPU hash value over 32 KiB is E2BIG',
    [map('m', 'percpu_hash', { value_size: 32769 })],
  ],
  [
    'create-percpu-hash-mmapable',
    'MMAPABLE on a per-CPU hash is EINVAL',
    [map('m', 'percpu_hash', { flags: ['mmapable'] })],
  ],
  [
    'create-lru-no-prealloc',
    'an LRU hash with NO_PREALLOC is ENOTSUPP (524)',
    [map('m', 'lru_hash', { flags: ['no_prealloc'] })],
  ],
  [
    'create-lru-percpu-no-prealloc',
    'an LRU per-CPU hash with NO_PREALLOC is ENOTSUPP (524)',
    [map('m', 'lru_percpu_hash', { flags: ['no_prealloc'] })],
  ],
  [
    'create-lru-no-common-lru',
    'an LRU hash with NO_COMMON_LRU rounds max_entries to the CPU count',
    [map('m', 'lru_hash', { max_entries: 3, flags: ['no_common_lru'] }), info('m')],
  ],
  [
    'create-lru-percpu-no-common-lru',
    'NO_COMMON_LRU on an LRU per-CPU hash',
    [map('m', 'lru_percpu_hash', { max_entries: 5, flags: ['no_common_lru'] }), info('m')],
  ],
  ['create-lru-key-0', 'an LRU hash with key_size 0 is EINVAL', [map('m', 'lru_hash', { key_size: 0 })]],
  ['create-lru-mmapable', 'MMAPABLE on an LRU hash is EINVAL', [map('m', 'lru_hash', { flags: ['mmapable'] })]],
  [
    'create-prog-array-value-8',
    'a prog_array with value_size 8 is EINVAL',
    [map('m', 'prog_array', { value_size: 8 })],
  ],
  [
    'create-prog-array-key-8',
    'a prog_array with key_size 8 is EINVAL',
    [map('m', 'prog_array', { key_size: 8, value_size: 4 })],
  ],
  [
    'create-prog-array-ok',
    'a prog_array with 4-byte keys and values',
    [map('m', 'prog_array', { value_size: 4 }), info('m')],
  ],
  [
    'create-perf-event-array-value-8',
    'a perf_event_array with value_size 8 is EINVAL',
    [map('m', 'perf_event_array', { value_size: 8 })],
  ],
  [
    'create-perf-event-array-ok',
    'a perf_event_array with 4-byte keys and values',
    [map('m', 'perf_event_array', { value_size: 4 }), info('m')],
  ],
  [
    'create-array-of-maps-value-8',
    'an array_of_maps with value_size 8 is EINVAL',
    [array('in'), map('m', 'array_of_maps', { value_size: 8, inner: 'in' })],
  ],
  [
    'create-array-of-maps-no-inner',
    'an array_of_maps without an inner map',
    [map('m', 'array_of_maps', { value_size: 4 })],
  ],
  [
    'create-array-of-maps-nested',
    'a map-in-map as inner map is EINVAL',
    [
      array('in'),
      map('mid', 'array_of_maps', { value_size: 4, inner: 'in' }),
      map('m', 'array_of_maps', { value_size: 4, inner: 'mid' }),
    ],
  ],
  [
    'create-array-of-maps-ok',
    'an array_of_maps with an array template',
    [array('in'), map('m', 'array_of_maps', { value_size: 4, inner: 'in' }), info('m')],
  ],
  [
    'create-hash-of-maps-ok',
    'a hash_of_maps with a hash template',
    [hash('in'), map('m', 'hash_of_maps', { value_size: 4, inner: 'in' }), info('m')],
  ],
  [
    'create-hash-of-maps-nested',
    'a hash_of_maps inside a hash_of_maps is EINVAL',
    [
      hash('in'),
      map('mid', 'hash_of_maps', { value_size: 4, inner: 'in' }),
      map('m', 'hash_of_maps', { value_size: 4, inner: 'mid' }),
    ],
  ],
  [
    'create-map-in-map-closed-inner',
    'an inner map label that was closed is EBADF',
    [array('in'), close('in'), map('m', 'array_of_maps', { value_size: 4, inner: 'in' })],
  ],
  [
    'create-map-in-map-inner-prog',
    'a program as inner map is EINVAL',
    [prog('p'), map('m', 'array_of_maps', { value_size: 4, inner: 'p' })],
  ],
  [
    'create-map-in-map-inner-prog-array',
    'a prog_array as inner map template',
    [map('pa', 'prog_array', { value_size: 4 }), map('m', 'array_of_maps', { value_size: 4, inner: 'pa' })],
  ],
  [
    'create-ringbuf-key-4',
    'a ringbuf with key_size 4 is EINVAL',
    [map('r', 'ringbuf', { key_size: 4, value_size: 0, max_entries: page })],
  ],
  [
    'create-ringbuf-value-4',
    'a ringbuf with value_size 4 is EINVAL',
    [map('r', 'ringbuf', { key_size: 0, value_size: 4, max_entries: page })],
  ],
  [
    'create-ringbuf-not-pow2',
    'a ringbuf size that is not a power of two is EINVAL',
    [map('r', 'ringbuf', { key_size: 0, value_size: 0, max_entries: 3 * page })],
  ],
  [
    'create-ringbuf-below-page',
    'a ringbuf smaller than a page is EINVAL',
    [map('r', 'ringbuf', { key_size: 0, value_size: 0, max_entries: 2048 })],
  ],
  [
    'create-ringbuf-ok',
    'a ringbuf of one and of four pages',
    [
      map('r', 'ringbuf', { key_size: 0, value_size: 0, max_entries: page }),
      info('r'),
      map('r4', 'ringbuf', { key_size: 0, value_size: 0, max_entries: 4 * page }),
      info('r4'),
    ],
  ],
  [
    'create-user-ringbuf-ok',
    'a user_ringbuf of one and of four pages',
    [
      map('u', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: page }),
      info('u'),
      map('u4', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: 4 * page, flags: ['numa_node'] }),
      info('u4'),
    ],
  ],
  [
    'create-user-ringbuf-rules',
    'a user_ringbuf takes the ringbuf rules: key 0, value 0, a power-of-two size in pages, numa_node only',
    [
      map('k', 'user_ringbuf', { key_size: 4, value_size: 0, max_entries: page }),
      map('v', 'user_ringbuf', { key_size: 0, value_size: 4, max_entries: page }),
      map('p', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: 3 * page }),
      map('s', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: 2048 }),
      map('f', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: page, flags: ['rdonly_prog'] }),
    ],
  ],
  [
    'elem-user-ringbuf',
    'element operations on a user_ringbuf are refused as on a ringbuf',
    [
      map('u', 'user_ringbuf', { key_size: 0, value_size: 0, max_entries: page }),
      { op: 'lookup', handle: 'u', key: null },
      { op: 'update', handle: 'u', key: null, value: '', flag: 'any' },
      { op: 'next_key', handle: 'u', key: null },
      { op: 'dump', handle: 'u' },
    ],
  ],
  ['create-queue-key-4', 'a queue with key_size 4 is EINVAL', [map('q', 'queue', { key_size: 4, value_size: 4 })]],
  ['create-queue-value-0', 'a queue with value_size 0 is EINVAL', [map('q', 'queue', { key_size: 0, value_size: 0 })]],
  [
    'create-queue-max-0',
    'a queue with max_entries 0 is EINVAL',
    [map('q', 'queue', { key_size: 0, value_size: 4, max_entries: 0 })],
  ],
  ['create-queue-ok', 'a queue', [map('q', 'queue', { key_size: 0, value_size: 4 }), info('q')]],
  ['create-stack-key-4', 'a stack with key_size 4 is EINVAL', [map('s', 'stack', { key_size: 4, value_size: 4 })]],
  ['create-stack-ok', 'a stack', [map('s', 'stack', { key_size: 0, value_size: 8 }), info('s')]],
  [
    'create-lpm-prealloc',
    'an LPM trie without NO_PREALLOC is EINVAL',
    [map('t', 'lpm_trie', { key_size: 8, value_size: 4 })],
  ],
  [
    'create-lpm-key-4',
    'an LPM trie with key_size 4 is EINVAL',
    [map('t', 'lpm_trie', { key_size: 4, value_size: 4, flags: ['no_prealloc'] })],
  ],
  [
    'create-lpm-key-5',
    'an LPM trie with key_size 5 works',
    [map('t', 'lpm_trie', { key_size: 5, value_size: 4, flags: ['no_prealloc'] }), info('t')],
  ],
  [
    'create-lpm-key-261',
    'an LPM trie with key_size 261 is EINVAL',
    [map('t', 'lpm_trie', { key_size: 261, value_size: 4, flags: ['no_prealloc'] })],
  ],
  [
    'create-lpm-key-260',
    'an LPM trie with key_size 260 works',
    [map('t', 'lpm_trie', { key_size: 260, value_size: 4, flags: ['no_prealloc'] }), info('t')],
  ],
  [
    'create-lpm-value-0',
    'an LPM trie with value_size 0 is EINVAL',
    [map('t', 'lpm_trie', { key_size: 8, value_size: 0, flags: ['no_prealloc'] })],
  ],
  [
    'create-bloom-key-4',
    'a bloom filter with key_size 4 is EINVAL',
    [map('b', 'bloom_filter', { key_size: 4, value_size: 4 })],
  ],
  [
    'create-bloom-extra-16',
    'a bloom filter with map_extra 16 is EINVAL',
    [map('b', 'bloom_filter', { key_size: 0, value_size: 4, map_extra: 16 })],
  ],
  [
    'create-bloom-extra-15',
    'a bloom filter with map_extra 15 works',
    [map('b', 'bloom_filter', { key_size: 0, value_size: 4, map_extra: 15 }), info('b')],
  ],
  [
    'create-bloom-ok',
    'a bloom filter with default hashes',
    [map('b', 'bloom_filter', { key_size: 0, value_size: 8, max_entries: 100 }), info('b')],
  ],
  [
    'create-handles-independent',
    'two maps with the same name are two objects',
    [hash('a', { name: 'same' }), hash('b', { name: 'same' }), update('a', u32(1), u64(1)), lookup('b', u32(1))],
  ],
  [
    'create-prog-gpl-license',
    'a program with a GPL license is gpl_compatible',
    [prog('p', { license: 'GPL' }), info('p')],
  ],
  ['create-prog-dual-license', 'Dual BSD/GPL is gpl_compatible', [prog('p', { license: 'Dual BSD/GPL' }), info('p')]],
  ['create-prog-mit-license', 'an MIT program is not gpl_compatible', [prog('p', { license: 'MIT' }), info('p')]],
  ['create-prog-xdp', 'an XDP program', [prog('p', { type: 'xdp', insns: RET1 }), info('p')]],
  ['create-prog-empty', 'a program without instructions is EINVAL', [prog('p', { insns: '' })]],
  [
    'create-prog-no-r0',
    'exit without setting r0 is refused by the verifier',
    [prog('p', { insns: '9500000000000000' })],
  ],
  ['create-prog-no-exit', 'a program that falls off the end is refused', [prog('p', { insns: 'b700000000000000' })]],
];
