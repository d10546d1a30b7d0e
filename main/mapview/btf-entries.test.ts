// A map created through the PinStore with BTF (a struct value holding a bpf_spin_lock) opens in a map view with
// its BTF, and its entries decode as that struct; the lock reads as zero whatever was written.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { parseBtf } from '../../shared/btf/btf.js';
import { decodeValue } from '../../shared/btf/decode.js';
import { formatDecoded } from '../../shared/btf/decoded.js';
import { buildMapBtf } from '../../shared/btf/describe.js';
import type { AppEvent } from '../../shared/contract.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

let env: InProcessApi;
const events: AppEvent[] = [];
beforeEach(async () => {
  env = await createInProcessApi();
  events.length = 0;
  env.api.onEvent((e) => events.push(e));
});
afterEach(() => env.dispose());

describe('map view of a map with BTF', () => {
  it('decodes each entry as the struct of the BTF value type', async () => {
    const btf = buildMapBtf({
      types: {
        counter: {
          struct: [
            ['lock', 'bpf_spin_lock'],
            ['hits', 'u32'],
            ['bytes', 'u64'],
          ],
        },
      },
      key: 'u32',
      value: 'counter',
    });
    const spec = { type: 'hash' as const, name: 'counters', keySize: 4, valueSize: 16, maxEntries: 8, flags: [], btf };
    const h = await env.engine.createMap(spec);
    // lock ffffffff (never stored), hits 7, bytes 4096.
    await env.api.mapUpdate({
      handle: h.handle,
      key: '01000000',
      value: 'ffffffff070000000010000000000000',
      flag: 'any',
    });
    await env.api.pin({ handle: h.handle, path: 'counters' });

    const opened = await env.api.mapViewOpen({ path: 'counters' });
    expect(opened.btf).toBeInstanceOf(Uint8Array);
    await vi.waitFor(() => {
      if (!events.some((e) => e.type === 'map-view-updated' && e.view === opened.view && e.complete))
        throw new Error('the view has not read the map yet');
    });
    const w = await env.api.mapViewWindow({ view: opened.view, offset: 0, count: 1 });
    const types = parseBtf(opened.btf!);
    expect(types.typeText(opened.info.btfValueTypeId)).toBe('struct counter');
    expect(formatDecoded(decodeValue(types, opened.info.btfValueTypeId, w.values.subarray(0, 16)))).toBe(
      '{lock: {__opaque: [0]}, hits: 7, bytes: 4096}',
    );
  });
});
