// The demo host's BTF: one blob with the key and value types of every demo map, as a CNI's and an XDP
// program's object files would carry them. Layouts match what demo.ts and traffic.ts write.
import { BtfBuilder } from '../../../shared/btf/build.js';
import type { MapBtfSpec } from '../../../shared/engine.js';

/** enum ct_state: where a conntrack flow is. */
export const CT_STATE = { CT_NEW: 0, CT_ESTABLISHED: 1, CT_RELATED: 2, CT_REOPENED: 3, CT_CLOSING: 4 } as const;
/** enum tcp_flags: the TCP flags seen on a flow, OR-ed together (a mask, not a state). */
export const TCP_FLAGS = { TCP_FIN: 1, TCP_SYN: 2, TCP_RST: 4, TCP_PSH: 8, TCP_ACK: 16, TCP_URG: 32 } as const;

export interface DemoBtf {
  data: Uint8Array;
  /** Type ids by C name, e.g. "struct ct4_key". */
  ids: Record<
    | 'u8'
    | 'u32'
    | 'u64'
    | 'ct4_key'
    | 'ct_entry'
    | 'counter_t'
    | 'datarec'
    | 'lpm_v4_key'
    | 'policy_key'
    | 'policy_entry',
    number
  >;
}

function build(): DemoBtf {
  const b = new BtfBuilder();
  const u8 = b.addTypedef('__u8', b.addInt('unsigned char', 1));
  const u16 = b.addTypedef('__u16', b.addInt('unsigned short', 2));
  const u32 = b.addTypedef('__u32', b.addInt('unsigned int', 4));
  const u64 = b.addTypedef('__u64', b.addInt('unsigned long long', 8));
  // Network byte order, as in the kernel's headers; decoders read __be* typedefs big-endian.
  const be16 = b.addTypedef('__be16', u16);
  const be32 = b.addTypedef('__be32', u32);
  // ctKey(): saddr, daddr (be32), sport, dport (be16), proto, 3 bytes padding = 16 bytes.
  const ct4Key = b.addStruct('ct4_key', [
    { name: 'saddr', type: be32 },
    { name: 'daddr', type: be32 },
    { name: 'sport', type: be16 },
    { name: 'dport', type: be16 },
    { name: 'proto', type: u8 },
    { name: 'pad', type: b.addArray(u8, 3) },
  ]);
  const state = b.addEnum('ct_state', CT_STATE, { size: 1 });
  const tcpFlags = b.addEnum('tcp_flags', TCP_FLAGS, { size: 1 });
  // ctValue(): packets, bytes, last_seen (bpf_ktime_get_ns), state, tcp_flags, closing/SYN bits, ifindex = 32 bytes.
  const ctEntry = b.addStruct('ct_entry', [
    { name: 'packets', type: u64 },
    { name: 'bytes', type: u64 },
    { name: 'last_seen', type: u64 },
    { name: 'state', type: state },
    { name: 'tcp_flags', type: tcpFlags },
    { name: 'rx_closing', type: u16, bits: 1, bitOffset: 26 * 8 },
    { name: 'tx_closing', type: u16, bits: 1, bitOffset: 26 * 8 + 1 },
    { name: 'seen_non_syn', type: u16, bits: 1, bitOffset: 26 * 8 + 2 },
    { name: 'ifindex', type: u32, bitOffset: 28 * 8 },
  ]);
  const counter = b.addTypedef('counter_t', u64);
  // xdp_stats_map: one struct datarec per XDP action per CPU; traffic.ts bumps slot 0 (packets) and 1 (bytes).
  const datarec = b.addStruct('datarec', [
    { name: 'rx_packets', type: u64 },
    { name: 'rx_bytes', type: u64 },
  ]);
  // LPM trie keys must be structs (the kernel checks): prefix length, then the address bytes.
  const lpmKey = b.addStruct('lpm_v4_key', [
    { name: 'prefixlen', type: u32 },
    { name: 'addr', type: b.addArray(u8, 4) },
  ]);
  // A per-endpoint policy map (demo-policy.ts): the peer's security identity, port (network order), protocol and
  // direction, then what the rule let through.
  const policyKey = b.addStruct('policy_key', [
    { name: 'sec_label', type: u32 },
    { name: 'dport', type: be16 },
    { name: 'protocol', type: u8 },
    { name: 'egress', type: u8 },
  ]);
  const policyEntry = b.addStruct('policy_entry', [
    { name: 'packets', type: u64 },
    { name: 'bytes', type: u64 },
    { name: 'proxy_port', type: be16 },
    { name: 'deny', type: u8 },
    { name: 'pad', type: b.addArray(u8, 5) },
  ]);
  return {
    data: b.build(),
    ids: {
      u8,
      u32,
      u64,
      ct4_key: ct4Key,
      ct_entry: ctEntry,
      counter_t: counter,
      datarec,
      lpm_v4_key: lpmKey,
      policy_key: policyKey,
      policy_entry: policyEntry,
    },
  };
}

let cached: DemoBtf | undefined;

export function demoBtf(): DemoBtf {
  cached ??= build();
  return cached;
}

/** The MapSpec.btf of a demo map with these key and value types. */
export function demoMapBtf(key: keyof DemoBtf['ids'], value: keyof DemoBtf['ids']): MapBtfSpec {
  const { data, ids } = demoBtf();
  return { data, keyTypeId: ids[key], valueTypeId: ids[value] };
}
