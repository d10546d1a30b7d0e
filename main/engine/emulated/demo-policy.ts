// The demo's map-in-map, as a Cilium-like datapath keeps per-endpoint policy: an outer hash of maps from endpoint id
// to that endpoint's policy map, none of which is pinned (the outer map alone keeps them alive), and whose counters
// move as traffic matches the rules.
import { uintToLe } from '../../../shared/bpf/hex.js';
import type { MapSpec } from '../../../shared/engine.js';

import { demoMapBtf } from './demo-btf.js';
import type { EmulatedEngine } from './engine.js';
import type { HashStore } from './hash-store.js';
import type { MapObject } from './objects.js';
import { BPF_ANY } from './stores.js';

const TCP = 6;
const UDP = 17;

/** One rule of an endpoint: peer identity, port, protocol, egress; packets and bytes so far; deny. */
type Rule = [label: number, port: number, proto: number, egress: boolean, packets: number, size: number, deny?: true];

/** Endpoint id -> its rules: a web pod, a database pod and a DNS client. */
export const DEMO_ENDPOINTS: ReadonlyMap<number, readonly Rule[]> = new Map([
  [
    412,
    [
      [1, 443, TCP, false, 1840, 1180],
      [16_777_217, 443, TCP, true, 52, 820],
      [2, 53, UDP, true, 12, 74],
    ],
  ],
  [
    1187,
    [
      [48_312, 5432, TCP, false, 96_540, 380],
      [2, 0, 0, false, 3, 90, true],
    ],
  ],
  [2051, [[2, 53, UDP, true, 40, 90]]],
]);

/** struct policy_key (demo-btf.ts): sec_label u32, dport __be16, protocol u8, egress u8. */
export function policyKey(label: number, port: number, proto: number, egress: boolean): Uint8Array {
  const k = new Uint8Array(8);
  const dv = new DataView(k.buffer);
  dv.setUint32(0, label, true);
  dv.setUint16(4, port, false);
  k[6] = proto;
  k[7] = egress ? 1 : 0;
  return k;
}

/** struct policy_entry: packets, bytes u64; proxy_port __be16; deny u8; padding. */
export function policyEntry(packets: number, bytes: number, deny = false): Uint8Array {
  const v = new Uint8Array(24);
  const dv = new DataView(v.buffer);
  dv.setBigUint64(0, BigInt(packets), true);
  dv.setBigUint64(8, BigInt(bytes), true);
  v[18] = deny ? 1 : 0;
  return v;
}

const INNER: Omit<MapSpec, 'name'> = {
  type: 'hash',
  keySize: 8,
  valueSize: 24,
  maxEntries: 16_384,
  flags: ['no_prealloc'],
  btf: demoMapBtf('policy_key', 'policy_entry'),
};

/** The outer map (to be pinned by the caller) and its inner policy maps, filled. */
export function buildPolicyMaps(engine: EmulatedEngine): { outer: MapObject; inner: MapObject[] } {
  const inner = [...DEMO_ENDPOINTS].map(([ep, rules]) => {
    const m = engine.makeMap({ ...INNER, name: `policy_ep_${ep}` });
    for (const [label, port, proto, egress, packets, size, deny] of rules)
      m.store.update(policyKey(label, port, proto, egress), policyEntry(packets, packets * size, deny), BPF_ANY);
    return m;
  });
  // Map-in-map outer maps carry no BTF: the kernel refuses key/value BTF for them.
  const outer = engine.makeMap(
    { type: 'hash_of_maps', name: 'cilium_policies', keySize: 4, valueSize: 4, maxEntries: 1024, flags: [] },
    inner[0],
    true,
  );
  [...DEMO_ENDPOINTS.keys()].forEach((ep, i) => outer.store.update(uintToLe(ep, 4), inner[i]!, BPF_ANY));
  return { outer, inner };
}

/** Allowed rules that see traffic count up now and then; denied ones stay as they are. */
export function tickPolicy(inner: readonly MapObject[], random: () => number): void {
  for (const m of inner) {
    const store = m.store as HashStore;
    for (const key of store.keys()) {
      const v = store.raw(key);
      if (!v || v[18] === 1 || random() >= 0.5) continue;
      const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
      const pkts = 1 + Math.floor(random() * 10);
      dv.setBigUint64(0, dv.getBigUint64(0, true) + BigInt(pkts), true);
      dv.setBigUint64(8, dv.getBigUint64(8, true) + BigInt(pkts * 300), true);
    }
  }
}
