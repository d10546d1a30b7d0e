// BPF_F_TOKEN_FD and BPF_TOKEN_CREATE as root in the initial user namespace: no token can be created there, so a
// token fd is only looked up — EBADF when not open, EINVAL when not a token — at the point of each command where the
// kernel does: after a map type's map_alloc_check, before map_alloc's checks; first thing in PROG_LOAD.
import { close, type Def, hash, map, mkdir, type Op, pin, prog } from './lib.js';

type MapCreate = Extract<Op, { op: 'map_create' }>;
type Token = NonNullable<MapCreate['token']>;
const CLOSED: Token = { fd: null };
const withToken = (op: Op, token: Token = CLOSED): Op => ({ ...op, token }) as Op;
const tokenCreate = (path: string, flags?: number): Op =>
  flags === undefined ? { op: 'token_create', path } : { op: 'token_create', path, flags };
const arr = (o: Parameters<typeof map>[2] = {}): Op => map('a', 'array', o);

export const tokenScenarios: Def[] = [
  ['token-map-closed-fd', 'a map with BPF_F_TOKEN_FD and an fd not open is EBADF', [withToken(arr())]],
  ['token-map-not-a-token', 'a map fd as token is EINVAL', [hash('m'), withToken(arr(), { fd: 'm' })]],
  ['token-map-prog-fd', 'a program fd as token is EINVAL', [prog('p'), withToken(arr(), { fd: 'p' })]],
  [
    'token-map-closed-label',
    'the fd of a closed handle as token is EBADF',
    [hash('m'), close('m'), withToken(arr(), { fd: 'm' })],
  ],
  [
    'token-map-no-flag',
    'a token fd without BPF_F_TOKEN_FD is ignored',
    [withToken(arr(), { fd: null, flag: false }), { op: 'info', handle: 'a' }],
  ],
  ['token-map-array-key-first', "an array's key_size 8 is EINVAL before the token", [withToken(arr({ key_size: 8 }))]],
  [
    'token-map-hash-value-first',
    "a hash's value_size 0 is EINVAL before the token",
    [withToken(hash('h', { value_size: 0 }))],
  ],
  [
    'token-map-lru-noprealloc-first',
    'an LRU without prealloc is ENOTSUPP before the token',
    [withToken(map('l', 'lru_hash', { flags: ['no_prealloc'] }))],
  ],
  [
    'token-map-access-first',
    'rdonly with wronly is EINVAL before the token',
    [withToken(arr({ flags: ['rdonly', 'wronly'] }))],
  ],
  ['token-map-extra-first', 'map_extra on an array is EINVAL before the token', [withToken(arr({ map_extra: 1 }))]],
  [
    'token-map-queue-key-first',
    "a queue's key_size 4 is EINVAL before the token",
    [withToken(map('q', 'queue', { key_size: 4 }))],
  ],
  [
    'token-map-bloom-key-after',
    "a bloom filter's key_size is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('b', 'bloom_filter', { key_size: 4, value_size: 4 }))],
  ],
  [
    'token-map-ringbuf-size-after',
    "a ringbuf's size is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('r', 'ringbuf', { key_size: 0, value_size: 0, max_entries: 3 * 4096 }))],
  ],
  [
    'token-map-lpm-after',
    "an lpm_trie's flags are checked in map_alloc: the token's EBADF comes first",
    [withToken(map('t', 'lpm_trie', { key_size: 8, value_size: 8 }))],
  ],
  [
    'token-map-devmap-first',
    "a devmap's value_size is checked in its map_alloc_check, before the token",
    [withToken(map('d', 'devmap', { value_size: 5 }))],
  ],
  [
    'token-map-devmap-hash-max-first',
    'a devmap_hash with max_entries 0 is EINVAL before the token',
    [withToken(map('d', 'devmap_hash', { max_entries: 0 }))],
  ],
  [
    'token-map-cpumap-after',
    "a cpumap's value_size is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('c', 'cpumap', { value_size: 5 }))],
  ],
  [
    'token-map-sockhash-after',
    "a sockhash's key_size 0 is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('s', 'sockhash', { key_size: 0, value_size: 4 }))],
  ],
  [
    'token-map-stack-trace-after',
    "a stack_trace's value_size is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('s', 'stack_trace', { value_size: 7 }))],
  ],
  [
    'token-map-of-maps-inner-after',
    "an array_of_maps's inner map is checked in map_alloc: the token's EBADF comes first",
    [withToken(map('o', 'array_of_maps', { value_size: 4 }))],
  ],
  [
    'token-map-percpu-value-first',
    'a per-CPU array value over 32 KiB is E2BIG before the token',
    [withToken(map('p', 'percpu_array', { value_size: 40000 }))],
  ],
  [
    'token-map-hash-buckets-after',
    "a hash's max_entries above 2^31 is E2BIG in map_alloc: the token's EBADF comes first",
    [withToken(hash('h', { max_entries: 2 ** 31 + 1, flags: ['no_prealloc'] }))],
  ],
  ['token-prog-closed-fd', 'a program with BPF_F_TOKEN_FD and an fd not open is EBADF', [withToken(prog('p'))]],
  ['token-prog-not-a-token', 'a map fd as a program token is EINVAL', [hash('m'), withToken(prog('p'), { fd: 'm' })]],
  [
    'token-prog-no-flag',
    'a program token fd without the flag is ignored',
    [withToken(prog('p'), { fd: null, flag: false }), { op: 'info', handle: 'p' }],
  ],
  [
    'token-prog-empty-first',
    'the token is looked up before the instruction count',
    [withToken(prog('p', { insns: '' }))],
  ],
  [
    'token-prog-attach-first',
    'the token is looked up before expected_attach_type',
    [withToken(prog('p', { type: 'cgroup_sock_addr' }))],
  ],
  ['token-create-root', 'BPF_TOKEN_CREATE in the initial user namespace is EOPNOTSUPP', [tokenCreate('')]],
  [
    'token-create-subdir',
    'BPF_TOKEN_CREATE on a folder that is not the root is EINVAL',
    [mkdir('d'), tokenCreate('d')],
  ],
  ['token-create-flags', 'BPF_TOKEN_CREATE with flags is EINVAL', [tokenCreate('', 1)]],
  ['token-create-missing', 'BPF_TOKEN_CREATE on a missing path is ENOENT', [tokenCreate('nope')]],
  [
    'token-create-pin',
    'a pin cannot be opened for BPF_TOKEN_CREATE (EIO)',
    [hash('m'), pin('m', 'p'), tokenCreate('p')],
  ],
];
