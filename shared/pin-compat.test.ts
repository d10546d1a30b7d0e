// libbpf's map_is_reuse_compat as a rule: the six fields it compares, what it adjusts first (ring buffer sizes,
// unsized perf_event_array), and the devmap flag the kernel adds; BTF is not compared.
import { describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';

import { parseBpfObject } from './elf/bpf-object.js';
import type { MapDef } from './elf/btf-maps.js';
import type { MapInfo } from './engine.js';
import { effectiveDef, objectMapDefs, reuseMismatches } from './pin-compat.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[pin-compat.test] object tests skipped: ${noClang}`);

const host = { possibleCpus: 8, pageSize: 4096 };
const def = (d: Partial<MapDef>): MapDef => ({
  name: 'm',
  type: 'hash',
  keySize: 4,
  valueSize: 8,
  maxEntries: 16,
  flags: [],
  pinning: 1,
  ...d,
});
const pinned = (i: Partial<MapInfo>): MapInfo => ({
  kind: 'map',
  id: 7,
  type: 'hash',
  typeId: 1,
  name: 'm',
  keySize: 4,
  valueSize: 8,
  maxEntries: 16,
  flags: 0,
  flagNames: [],
  frozen: false,
  btfId: 3,
  btfKeyTypeId: 1,
  btfValueTypeId: 2,
  ifindex: 0,
  mapExtra: 0,
  possibleCpus: 8,
  ...i,
});

describe('pin reuse compatibility', () => {
  it('reuses a pin equal in type, sizes, max_entries, flags and map_extra, whatever its BTF', () => {
    expect(reuseMismatches(def({}), pinned({ btfId: 0, btfKeyTypeId: 0, btfValueTypeId: 0 }), host)).toEqual([]);
  });

  it('names every field that differs, with the pin value first', () => {
    const got = reuseMismatches(
      def({ type: 'lru_hash', keySize: 8, valueSize: 16, maxEntries: 4096, flags: ['no_common_lru'], mapExtra: 3 }),
      pinned({ flags: 1 }),
      host,
    );
    expect(got).toEqual([
      { field: 'map_type', pinned: 'hash', object: 'lru_hash' },
      { field: 'key_size', pinned: '4', object: '8' },
      { field: 'value_size', pinned: '8', object: '16' },
      { field: 'max_entries', pinned: '16', object: '4096' },
      { field: 'map_extra', pinned: '0', object: '3' },
      { field: 'map_flags', pinned: 'no_prealloc', object: 'no_common_lru' },
    ]);
  });

  it('rounds a ring buffer up to a page times a power of two, and sizes an unsized perf_event_array per CPU', () => {
    expect(effectiveDef(def({ type: 'ringbuf', maxEntries: 5000 }), host).max_entries).toBe(8192);
    expect(effectiveDef(def({ type: 'ringbuf', maxEntries: 16384 }), host).max_entries).toBe(16384);
    expect(effectiveDef(def({ type: 'perf_event_array', maxEntries: 0 }), host).max_entries).toBe(8);
    const rb = def({ type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 5000 });
    expect(reuseMismatches(rb, pinned({ type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 8192 }), host)).toEqual(
      [],
    );
  });

  it("ignores the pinned devmap's BPF_F_RDONLY_PROG, which the kernel sets itself, and only there", () => {
    const dev = def({ type: 'devmap', valueSize: 4 });
    expect(reuseMismatches(dev, pinned({ type: 'devmap', valueSize: 4, flags: 0x80 }), host)).toEqual([]);
    expect(reuseMismatches(def({}), pinned({ flags: 0x80 }), host)).toEqual([
      { field: 'map_flags', pinned: 'rdonly_prog', object: '0' },
    ]);
  });

  it.skipIf(noClang !== undefined)('reads maps whose values the object declares as libbpf does: 4-byte ids', () => {
    const { bytes } = compileBpf('tail_calls');
    const defs = objectMapDefs(bytes).map(({ name, type, keySize, valueSize, pinning }) => ({
      name,
      type,
      keySize,
      valueSize,
      pinning,
    }));
    expect(defs).toEqual([
      { name: 'jmp_table', type: 'prog_array', keySize: 4, valueSize: 4, pinning: 1 },
      { name: 'outer', type: 'array_of_maps', keySize: 4, valueSize: 4, pinning: 0 },
    ]);
    // Declared, not initialized: the emulated loader makes the inner map template from it, as libbpf does.
    expect(parseBpfObject(bytes).maps.find((m) => m.name === 'outer')?.inner).toMatchObject({ name: 'outer.inner' });
  });
});
