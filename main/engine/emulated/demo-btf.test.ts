import { describe, expect, it } from 'vitest';

import { parseBtf } from '../../../shared/btf/btf.js';
import { decodeValue } from '../../../shared/btf/decode.js';
import { formatDecoded } from '../../../shared/btf/decoded.js';
import { btfFields } from '../../../shared/btf/fields.js';
import type { MapInfo } from '../../../shared/engine.js';
import { readField } from '../../../shared/fields.js';

import { createEmulatedEngine, trafficTick } from './index.js';

async function mapBtf(e: ReturnType<typeof createEmulatedEngine>, path: string) {
  const info = (await e.pathInfo(path)) as MapInfo;
  const btf = parseBtf(await e.btfData(info.btfId));
  return { info, btf };
}

describe('demo maps carry BTF', () => {
  it('the conntrack table decodes into flows a user can read', async () => {
    const e = createEmulatedEngine({ traffic: false, possibleCpus: 2 });
    const { info, btf } = await mapBtf(e, 'tc/globals/cilium_ct4_global');
    expect(info.btfId).toBeGreaterThan(0);
    expect(btf.typeText(info.btfKeyTypeId)).toBe('struct ct4_key');
    expect(btf.typeText(info.btfValueTypeId)).toBe('struct ct_entry');
    expect(btf.sizeof(info.btfKeyTypeId)).toBe(info.keySize);
    expect(btf.sizeof(info.btfValueTypeId)).toBe(info.valueSize);
    const h = await e.get('tc/globals/cilium_ct4_global', 'ro');
    const keys = (await e.mapDump(h.handle)).entries.map((en) =>
      formatDecoded(decodeValue(btf, info.btfKeyTypeId, en.key)),
    );
    // 10.0.0.28:443 -> 10.0.1.7:51514 tcp, in network byte order as the datapath stores it.
    expect(keys[0]).toBe('{saddr: 167772188, daddr: 167772423, sport: 443, dport: 51514, proto: 6, pad: [0, 0, 0]}');
    const values = (await e.mapDump(h.handle)).entries.map((en) =>
      formatDecoded(decodeValue(btf, info.btfValueTypeId, en.value)),
    );
    expect(values[0]).toMatch(
      /^\{packets: 1840, bytes: 2171200, last_seen: \d+, state: CT_ESTABLISHED, tcp_flags: 26, rx_closing: 0, tx_closing: 0, seen_non_syn: 1, ifindex: 2\}$/,
    );
    expect(values.some((v) => v.includes('state: CT_CLOSING'))).toBe(true);
    // New flows from the traffic simulation are CT_NEW and still decode.
    trafficTick(e, () => 0.1);
    const after = (await e.mapDump(h.handle)).entries.map((en) =>
      formatDecoded(decodeValue(btf, info.btfValueTypeId, en.value)),
    );
    expect(after.some((v) => v.includes('state: CT_NEW'))).toBe(true);
    expect(btfFields(btf, info.btfKeyTypeId, 'key').map((f) => f.path)).toEqual([
      'saddr',
      'daddr',
      'sport',
      'dport',
      'proto',
      'pad[0]',
      'pad[1]',
      'pad[2]',
    ]);
    await e.dispose();
  });

  it('per-CPU maps decode one slot per CPU, and their fields read the counters traffic moves', async () => {
    const e = createEmulatedEngine({ traffic: false, possibleCpus: 2 });
    const { info, btf } = await mapBtf(e, 'xdp/xdp_stats_map');
    expect(btf.typeText(info.btfValueTypeId)).toBe('struct datarec');
    const h = await e.get('xdp/xdp_stats_map', 'ro');
    trafficTick(e, () => 0);
    const key = new Uint8Array(4);
    key[0] = 1;
    const value = await e.mapLookup(h.handle, key);
    expect(value.length).toBe(32);
    expect([0, 16].map((at) => formatDecoded(decodeValue(btf, info.btfValueTypeId, value, at)))).toEqual([
      '{rx_packets: 6, rx_bytes: 3000}',
      '{rx_packets: 7, rx_bytes: 3001}',
    ]);
    const [packets] = btfFields(btf, info.btfValueTypeId, 'value');
    expect(packets?.path).toBe('rx_packets');
    expect(readField(value, 16, packets!)).toBe(7n);
    const counters = await mapBtf(e, 'tc/globals/cali_counters');
    expect(counters.btf.typeText(counters.info.btfValueTypeId)).toBe('counter_t');
    expect(counters.btf.typeText(counters.info.btfKeyTypeId)).toBe('__u32');
    await e.dispose();
  });

  it('every demo map but the fd-valued maps and the ring buffer has BTF that matches its sizes', async () => {
    const e = createEmulatedEngine({ traffic: false, possibleCpus: 2 });
    const maps = (await e.listObjects()).filter((o) => o.kind === 'map');
    for (const m of maps) {
      const h = await e.getById('map', m.id, 'ro');
      const info = (await e.objectInfo(h.handle)) as MapInfo;
      if (['prog_array', 'hash_of_maps', 'ringbuf'].includes(info.type)) {
        expect(info.btfId).toBe(0);
        continue;
      }
      expect(info.btfId, `${info.name} has BTF`).toBeGreaterThan(0);
      const btf = parseBtf(await e.btfData(info.btfId));
      expect(btf.sizeof(info.btfKeyTypeId), info.name).toBe(info.keySize);
      expect(btf.sizeof(info.btfValueTypeId), info.name).toBe(info.valueSize);
    }
    await e.dispose();
  });
});
