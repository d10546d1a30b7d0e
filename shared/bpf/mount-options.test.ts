import { describe, expect, it } from 'vitest';

import { delegateNames, formatMountOptions, mountRootMode, parseMountOptions } from './mount-options.js';

describe('bpffs mount options', () => {
  it('reads what mountinfo prints: octal mode, ids, and delegation by name or "any"', () => {
    const o = parseMountOptions(
      'rw,uid=1000,gid=100,mode=750,delegate_cmds=map_create:prog_load,delegate_maps=any,delegate_progs=xdp',
    );
    expect(o).toEqual({
      uid: 1000,
      gid: 100,
      mode: 0o750,
      delegate: { cmds: ['map_create', 'prog_load'], maps: ['any'], progs: ['xdp'], attachs: [] },
    });
    expect(mountRootMode(o)).toBe(0o1750);
    expect(formatMountOptions(o)).toBe(
      'uid=1000,gid=100,mode=750,delegate_cmds=map_create:prog_load,delegate_maps=any,delegate_progs=xdp',
    );
  });

  it('is a plain mount (root 1777, no delegation) when mountinfo says only rw', () => {
    const o = parseMountOptions('rw');
    expect(mountRootMode(o)).toBe(0o1777);
    expect(formatMountOptions(o)).toBe('');
  });

  it('names the bits of a hex mask the kernel could not name, and numbers the unknown ones', () => {
    expect(delegateNames('cmds', '0x21')).toEqual(['map_create', 'prog_load']);
    expect(delegateNames('maps', 'hash:0x4')).toEqual(['hash', 'array']);
    expect(delegateNames('attachs', '0x8000000000000000')).toEqual(['bit 63']);
    expect(delegateNames('cmds', '0x1000000000')).toEqual(['token_create']);
  });
});
