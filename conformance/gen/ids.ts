// OBJ_GET with raw file_flags bits, and *_GET_FD_BY_ID of the objects a scenario made.
import {
  array,
  close,
  type Def,
  freeze,
  hash,
  info,
  lookup,
  map,
  type Op,
  pin,
  prog,
  u32,
  u64,
  update,
} from './lib.js';

const rawGet = (as: string, path: string, raw: number): Op => ({ op: 'get', as, path, raw_flags: raw });
const byId = (as: string, of: string, flag?: 'rdonly' | 'wronly'): Op =>
  flag ? { op: 'get_by_id', as, of, flags: [flag] } : { op: 'get_by_id', as, of };
const RDONLY = 8;
const WRONLY = 16;
const PATH_FD = 16384;
const pinned: Op[] = [hash('m'), pin('m', 'p'), update('m', u32(1), u64(1))];
const touch = (h: string): Op[] => [lookup(h, u32(1)), update(h, u32(1), u64(2))];

export const idScenarios: Def[] = [
  ['get-raw-zero', 'OBJ_GET with file_flags 0 opens read-write', [...pinned, rawGet('g', 'p', 0), ...touch('g')]],
  ['get-raw-rdonly', 'OBJ_GET with the RDONLY bit (8)', [...pinned, rawGet('g', 'p', RDONLY), ...touch('g')]],
  ['get-raw-wronly', 'OBJ_GET with the WRONLY bit (16)', [...pinned, rawGet('g', 'p', WRONLY), ...touch('g')]],
  ['get-raw-both', 'OBJ_GET with RDONLY and WRONLY is EINVAL', [...pinned, rawGet('g', 'p', RDONLY | WRONLY)]],
  ['get-raw-bit-0', 'OBJ_GET with an unknown bit is EINVAL', [...pinned, rawGet('g', 'p', 1)]],
  ['get-raw-bit-31', 'OBJ_GET with bit 31 is EINVAL', [...pinned, rawGet('g', 'p', 0x80000000)]],
  [
    'get-raw-bad-before-path',
    'bad file_flags are refused before the path is looked up',
    [rawGet('g', 'missing', 1), rawGet('g', 'missing', RDONLY | WRONLY), rawGet('g', 'missing', RDONLY)],
  ],
  [
    'get-raw-path-fd',
    'PATH_FD (16384) with RDONLY is accepted for a pin',
    [...pinned, rawGet('g', 'p', PATH_FD | RDONLY), ...touch('g')],
  ],
  [
    'get-raw-prog',
    'a program opened with raw RDONLY bits',
    [prog('p0'), pin('p0', 'q'), rawGet('g', 'q', RDONLY), info('g'), rawGet('h', 'q', RDONLY | WRONLY)],
  ],
  [
    'get-raw-user-mode',
    'another user with raw bits: the pin mode decides',
    [
      array('m', { value_size: 4, max_entries: 1 }),
      pin('m', 'p'),
      { op: 'chmod', path: 'p', mode: 0o604 },
      { op: 'as_user', uid: 1000, gid: 1000, do: { op: 'get', as: 'g', path: 'p', raw_flags: RDONLY } },
      { op: 'as_user', uid: 1000, gid: 1000, do: { op: 'get', as: 'g', path: 'p', raw_flags: 0 } },
      { op: 'as_user', uid: 1000, gid: 1000, do: { op: 'get', as: 'g', path: 'p', raw_flags: 1 } },
    ],
  ],
  ['id-map', 'a map opened by id is the same map', [...pinned, byId('g', 'm'), info('g'), ...touch('g')]],
  ['id-map-rdonly', 'a map opened by id read-only', [...pinned, byId('g', 'm', 'rdonly'), ...touch('g')]],
  ['id-map-wronly', 'a map opened by id write-only', [...pinned, byId('g', 'm', 'wronly'), ...touch('g')]],
  ['id-prog', 'a program opened by id', [prog('p0'), byId('g', 'p0'), info('g')]],
  ['id-prog-rdonly', 'a program cannot be opened by id read-only', [prog('p0'), byId('g', 'p0', 'rdonly')]],
  ['id-prog-wronly', 'a program cannot be opened by id write-only', [prog('p0'), byId('g', 'p0', 'wronly')]],
  ['id-closed-map', 'a closed, unpinned map has no id any more', [hash('m'), close('m'), byId('g', 'm')]],
  ['id-closed-prog', 'a closed, unpinned program has no id any more', [prog('p0'), close('p0'), byId('g', 'p0')]],
  [
    'id-pinned-closed',
    'a pinned map is found by id after its handle closes',
    [...pinned, close('m'), byId('g', 'm'), ...touch('g')],
  ],
  ['id-frozen', 'a frozen map opened by id stays frozen', [...pinned, freeze('m'), byId('g', 'm'), ...touch('g')]],
  [
    'id-inner-map',
    'an inner map held only by a map-in-map is found by id',
    [
      array('i', { value_size: 4, max_entries: 1 }),
      map('o', 'array_of_maps', { value_size: 4, max_entries: 2, inner: 'i' }),
      update('o', u32(0), { handle: 'i' }),
      close('i'),
      byId('g', 'i'),
      info('g'),
    ],
  ],
  [
    'id-rebinds-label',
    'get_by_id of a label got by path opens the same object again',
    [...pinned, { op: 'get', as: 'x', path: 'p' }, close('m'), byId('g', 'x', 'rdonly'), lookup('g', u32(1))],
  ],
  ['id-unbound-label', 'get_by_id of a label that names nothing is EBADF', [byId('g', 'nothing')]],
];
