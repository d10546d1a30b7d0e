// Path rules the kernel applies in the VFS before bpffs sees a name: trailing slashes, PATH_MAX,
// dotted names in permission-less folders, and the preloaded iterator pins.
import {
  close,
  type Def,
  get,
  hash,
  info,
  link,
  list,
  mkdir,
  type Op,
  pin,
  prog,
  rename,
  rmdir,
  stat,
  symlink,
  unlink,
} from './lib.js';

const pinned = (path = 'm'): Op[] => [hash('m'), pin('m', path), close('m')];
const deep = (len: number): string => {
  // a/aaaa.../aaaa...: components of 255 bytes, total length exactly `len`
  const parts: string[] = [];
  let left = len;
  while (left > 0) {
    const n = Math.min(255, left - (parts.length ? 1 : 0));
    parts.push('a'.repeat(n));
    left -= n + (parts.length > 1 ? 1 : 0);
  }
  return parts.join('/');
};

const slashes: Def[] = [
  ['path-rename-pin-from-slash', 'rename of a pin written "m/" is ENOTDIR', [...pinned(), rename('m/', 'n'), list('')]],
  ['path-rename-pin-onto-slash', 'rename of a pin onto "n/" is ENOTDIR', [...pinned(), rename('m', 'n/'), list('')]],
  [
    'path-rename-pin-onto-existing-slash',
    'rename of a pin onto an existing pin written "n/" is ENOTDIR',
    [...pinned(), hash('o'), pin('o', 'n'), rename('m', 'n/'), list('')],
  ],
  [
    'path-rename-dir-slashes',
    'a folder may be renamed with trailing slashes',
    [mkdir('d'), rename('d/', 'e/'), list('')],
  ],
  ['path-rename-dir-onto-slash', 'a folder renamed onto "e/" works', [mkdir('d'), rename('d', 'e/'), list('')]],
  ['path-rename-missing-slash', 'rename of a missing "x/" is ENOENT', [rename('x/', 'y')]],
  [
    'path-rename-noreplace-slash',
    'RENAME_NOREPLACE of a pin onto "n/" is ENOTDIR',
    [...pinned(), rename('m', 'n/', { noreplace: true })],
  ],
  [
    'path-rename-exchange-slash',
    'RENAME_EXCHANGE of two pins, one written with a slash',
    [
      ...pinned(),
      hash('o'),
      pin('o', 'n'),
      rename('m/', 'n', { exchange: true }),
      rename('m', 'n/', { exchange: true }),
    ],
  ],
  ['path-link-onto-slash', 'link of a pin at "n/" is ENOENT', [...pinned(), link('m', 'n/'), list('')]],
  ['path-link-from-slash', 'link from "m/" is ENOTDIR', [...pinned(), link('m/', 'n'), list('')]],
  ['path-link-dir-slash', 'link of a folder written "d/" is EPERM', [mkdir('d'), link('d/', 'e')]],
  ['path-symlink-at-slash', 'a symlink at "n/" is ENOENT', [...pinned(), symlink('m', 'n/'), list('')]],
  [
    'path-symlink-body-slash',
    'a symlink whose body ends in "/" does not resolve to a pin',
    [...pinned(), symlink('m/', 's'), get('g', 's'), stat('s'), info('g')],
  ],
  [
    'path-symlink-body-slash-dir',
    'a symlink whose body ends in "/" resolves to a folder',
    [mkdir('d'), symlink('d/', 's'), stat('s'), list('s'), mkdir('s/e'), list('d')],
  ],
  ['path-unlink-slash', 'unlink of a pin written "m/" is ENOTDIR', [...pinned(), unlink('m/'), list('')]],
  ['path-unlink-dir-slash', 'unlink of a folder written "d/" is EISDIR', [mkdir('d'), unlink('d/')]],
  ['path-rmdir-slash', 'rmdir of "d/" works', [mkdir('d'), rmdir('d/'), list('')]],
  ['path-rmdir-pin-slash', 'rmdir of a pin written "m/" is ENOTDIR', [...pinned(), rmdir('m/')]],
  ['path-mkdir-slash', 'mkdir of "d/" makes d', [mkdir('d/'), list(''), stat('d/')]],
  ['path-mkdir-slash-exists', 'mkdir of "m/" over a pin is EEXIST', [...pinned(), mkdir('m/')]],
  ['path-get-slash', 'get of "m/" is ENOTDIR', [...pinned(), get('g', 'm/')]],
  ['path-get-dir-slash', 'get of a folder written "d/" is EACCES', [mkdir('d'), get('g', 'd/')]],
  ['path-stat-slash', 'stat of "m/" is ENOTDIR', [...pinned(), stat('m/')]],
  ['path-stat-missing-slash', 'stat of a missing "x/" is ENOENT', [stat('x/')]],
  ['path-pin-slash-root', 'pin at "n/" in the root is ENOENT', [hash('m'), pin('m', 'n/'), list('')]],
  [
    'path-double-slash',
    'a doubled slash inside a path is one separator',
    [mkdir('d'), mkdir('d//e'), list('d'), stat('d//e')],
  ],
  ['path-prog-slash', 'a program pinned then renamed with a slash', [prog('p'), pin('p', 'p'), rename('p/', 'q')]],
];

const lengths: Def[] = [
  ['path-max-stat', 'a path of 4096 bytes is ENAMETOOLONG', [stat(deep(4096))]],
  ['path-max-mkdir', 'mkdir of a 4096-byte path is ENAMETOOLONG', [mkdir(deep(4096))]],
  ['path-max-pin', 'pin at a 4096-byte path is ENAMETOOLONG', [hash('m'), pin('m', deep(4096))]],
  ['path-4095-stat', 'a path of 4095 bytes is looked up (ENOENT)', [stat(deep(4095))]],
  ['path-max-get', 'get of a 5000-byte path is ENAMETOOLONG', [get('g', deep(5000))]],
  ['path-max-rename', 'rename onto a 4096-byte path is ENAMETOOLONG', [...pinned(), rename('m', deep(4096))]],
  ['path-max-link', 'link onto a 4096-byte path is ENAMETOOLONG', [...pinned(), link('m', deep(4096))]],
  [
    'path-symlink-body-4096',
    'a symlink body of 4096 bytes is ENAMETOOLONG',
    [symlink('b'.repeat(4096), 's'), list('')],
  ],
  ['path-symlink-body-4095', 'a symlink body of 4095 bytes is accepted', [symlink('b'.repeat(4095), 's'), list('')]],
  [
    'path-symlink-long-component',
    'a symlink body with a 300-byte name is accepted, lookups through it fail',
    [symlink('c'.repeat(300), 's'), get('g', 's'), stat('s')],
  ],
  ['path-component-256', 'a 256-byte component in a lookup is ENAMETOOLONG', [stat('x'.repeat(256))]],
  ['path-component-255', 'a 255-byte name can be made', [mkdir('x'.repeat(255)), list('')]],
];

const modeless: Def[] = [
  [
    'path-dotted-in-mode-0',
    'a dotted name is allowed inside a folder whose mode has no bits',
    [mkdir('d', 0), hash('m'), pin('m', 'd/a.b'), list('d'), get('g', 'd/a.b'), info('g')],
  ],
  [
    'path-dotted-mkdir-mode-0',
    'mkdir of a dotted name in a mode-0 folder',
    [mkdir('d', 0), mkdir('d/x.y'), list('d'), stat('d/x.y')],
  ],
  [
    'path-dotted-mode-1',
    'one permission bit is enough for the dot rule to apply',
    [mkdir('d', 0o001), mkdir('d/x.y'), list('d')],
  ],
  [
    'path-dotted-mode-0-nested',
    'the rule looks at the parent only',
    [mkdir('d', 0), mkdir('d/e'), mkdir('d/e/x.y'), mkdir('d/x.y')],
  ],
  [
    'path-dotted-mode-0-rename',
    'rename into a dotted name inside a mode-0 folder',
    [mkdir('d', 0), hash('m'), pin('m', 'd/m'), rename('d/m', 'd/m.old'), list('d'), rename('d/m.old', 'm.x')],
  ],
  [
    'path-dotted-mode-0-link-symlink',
    'link and symlink to dotted names inside a mode-0 folder',
    [
      mkdir('d', 0),
      hash('m'),
      pin('m', 'm'),
      link('m', 'd/l.1'),
      symlink('../m', 'd/s.1'),
      list('d'),
      get('g', 'd/s.1'),
    ],
  ],
  [
    'path-dotted-mode-0-stat-missing',
    'stat of a missing dotted name in a mode-0 folder is ENOENT',
    [mkdir('d', 0), stat('d/a.b')],
  ],
  ['path-mode-0-stat', 'a mode-0 folder stats with mode 0', [mkdir('d', 0), stat('d'), list('d')]],
  [
    'path-dotted-sticky',
    'a folder with only the sticky bit still applies the dot rule',
    [mkdir('d', 0o1000), stat('d'), mkdir('d/x.y')],
  ],
];

const preload: Def[] = [
  [
    'path-preload-unlink',
    'the preloaded iterator pins cannot be unlinked',
    [unlink('maps.debug'), unlink('progs.debug'), list('')],
  ],
  [
    'path-preload-rename',
    'the preloaded iterator pins cannot be renamed',
    [rename('maps.debug', 'x'), mkdir('d'), rename('progs.debug', 'd/x'), list('')],
  ],
  ['path-preload-link', 'the preloaded iterator pins cannot be linked', [link('maps.debug', 'x'), list('')]],
  [
    'path-preload-rename-onto',
    'renaming a pin onto a preloaded iterator pin',
    [...pinned(), rename('m', 'maps.debug'), list('')],
  ],
  [
    'path-preload-exchange',
    'exchanging a pin with a preloaded iterator pin',
    [...pinned(), rename('m', 'progs.debug', { exchange: true }), list('')],
  ],
  [
    'path-preload-symlink',
    'a symlink to a preloaded iterator pin',
    [symlink('maps.debug', 's'), stat('s'), get('g', 's'), unlink('s'), list('')],
  ],
  ['path-preload-rmdir', 'rmdir of a preloaded iterator pin is ENOTDIR', [rmdir('maps.debug')]],
  ['path-preload-mkdir-under', 'mkdir below a preloaded iterator pin is ENOTDIR', [mkdir('maps.debug/x')]],
];

export const pathScenarios: Def[] = [...slashes, ...lengths, ...modeless, ...preload];
