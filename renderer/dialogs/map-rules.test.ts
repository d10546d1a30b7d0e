import type { MapTypeName } from '../../shared/bpf/types.js';

import type { MapShape } from './map-rules.js';
import { defaultsFor, MAP_TYPE_CHOICES, mapProblems } from './map-rules.js';

const shape = (type: MapTypeName, over: Partial<MapShape> = {}): MapShape => ({ type, ...defaultsFor(type), ...over });

describe('New map rules (docs/bpffs-semantics.md §5)', () => {
  it('accepts the defaults it offers for every type', () => {
    for (const type of MAP_TYPE_CHOICES) expect(mapProblems(shape(type)), type).toEqual({});
  });

  it('gives the errno the kernel would give', () => {
    expect(mapProblems(shape('array', { keySize: 8 })).keySize?.code).toBe('EINVAL');
    expect(mapProblems(shape('hash', { valueSize: 0 })).valueSize?.code).toBe('EINVAL');
    expect(mapProblems(shape('percpu_array', { valueSize: 32769 })).valueSize?.code).toBe('E2BIG');
    expect(mapProblems(shape('lru_hash', { flags: ['no_prealloc'] })).flags?.code).toBe('ENOTSUPP');
    expect(mapProblems(shape('hash', { flags: ['rdonly', 'wronly'] })).flags?.code).toBe('EINVAL');
    expect(mapProblems(shape('hash', { flags: ['mmapable'] })).flags?.code).toBe('EINVAL');
    expect(mapProblems(shape('lpm_trie', { flags: [] })).flags?.code).toBe('EINVAL');
    expect(mapProblems(shape('lpm_trie', { keySize: 4 })).keySize?.code).toBe('EINVAL');
    expect(mapProblems(shape('ringbuf', { maxEntries: 6000 })).maxEntries?.code).toBe('EINVAL');
    expect(mapProblems(shape('queue', { keySize: 4 })).keySize?.code).toBe('EINVAL');
    expect(mapProblems(shape('prog_array', { valueSize: 8 })).valueSize?.code).toBe('EINVAL');
    expect(mapProblems(shape('bloom_filter', { mapExtra: 16 })).mapExtra?.code).toBe('EINVAL');
  });
});
