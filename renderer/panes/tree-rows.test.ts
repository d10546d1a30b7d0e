// What a row says to a screen reader and beside its name, for locked pins and the kernel's iterator pins.
import { describe, expect, it } from 'vitest';

import type { DirEntry } from '../../shared/engine.js';

import { rowLabel, rowSummary } from './tree-rows.js';

const base = { path: 'x', mode: 0o600, uid: 0, gid: 0, nlink: 1 };

describe('tree row text', () => {
  it('ends a locked pin\'s name with "no access" and never calls it a link unless the kernel said so', () => {
    const locked: DirEntry = { ...base, name: 'secret', kind: 'pin', noAccess: { code: 'EACCES', reason: 'mode' } };
    expect(rowLabel(locked)).toBe('secret pinned object, no access');
    expect(rowSummary(locked)).toBe('no access (EACCES)');
    const link: DirEntry = { ...base, name: 'l', kind: 'link', noAccess: { code: 'EACCES', reason: 'mode' } };
    expect(rowLabel(link)).toBe('l link, no access');
  });

  it('names the preloaded iterators by what they list', () => {
    const it_: DirEntry = { ...base, name: 'maps.debug', kind: 'link', preloaded: 'maps' };
    expect(rowLabel(it_)).toBe('maps.debug kernel iterator link listing every map');
    expect(rowSummary(it_)).toBe('kernel iterator: lists every map');
  });
});
