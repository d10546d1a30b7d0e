// The demo tree: what a host running a CNI and an XDP program might have pinned, plus objects that only
// a simulated other process keeps alive.
import { uintToLe } from '../../../shared/bpf/hex.js';
import type { MapSpec } from '../../../shared/engine.js';

import { CT_STATE, demoMapBtf, TCP_FLAGS } from './demo-btf.js';
import { buildPolicyMaps } from './demo-policy.js';
import type { EmulatedEngine } from './engine.js';
import type { LinkObject, MapObject, ProgObject } from './objects.js';
import { BPF_ANY } from './stores.js';

/** `mov r0, ret; exit`, padded with `mov r1, i` steps so programs differ in size and tag. */
export function simpleProgram(ret: number, extra = 0): Uint8Array {
  const out = new Uint8Array((extra + 2) * 8);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < extra; i++) {
    out[i * 8] = 0xb7;
    out[i * 8 + 1] = 2;
    dv.setInt32(i * 8 + 4, i, true);
  }
  out[extra * 8] = 0xb7;
  dv.setInt32(extra * 8 + 4, ret, true);
  out[(extra + 1) * 8] = 0x95;
  return out;
}

/** The root's maps.debug and progs.debug: iterator links, mode 0400, root-owned. */
export function preloadDebugLinks(engine: EmulatedEngine): void {
  for (const [file, prog, target] of [
    ['progs.debug', 'dump_bpf_prog', 'bpf_prog'],
    ['maps.debug', 'dump_bpf_map', 'bpf_map'],
  ] as const) {
    const p: ProgObject = engine.makeProgram({
      type: 'socket_filter',
      name: prog,
      insns: simpleProgram(0),
      license: 'GPL',
    });
    p.type = 'tracing';
    const link: LinkObject = {
      kind: 'link',
      id: engine.objects.allocId('link'),
      type: 'iter',
      prog: p,
      attach: { target_name: target },
      refcnt: 0,
    };
    engine.objects.hold(p, false);
    engine.objects.register(link);
    // The kernel makes them at mount time: root-owned and untouched by the caller's umask.
    const { umask, uid, gid } = engine.core;
    Object.assign(engine.core, { umask: 0, uid: 0, gid: 0 });
    engine.pinObject(link, file, 0o400, true);
    Object.assign(engine.core, { umask, uid, gid });
  }
}

/** enum bpf_attach_type BPF_TCX_INGRESS. */
const TCX_INGRESS = 46;

/** A link of `prog` (which it holds, as the kernel's link holds its program) pinned at `path`. */
function pinLink(
  engine: EmulatedEngine,
  prog: ProgObject,
  type: LinkObject['type'],
  attach: LinkObject['attach'],
  path: string,
): void {
  const link: LinkObject = { kind: 'link', id: engine.objects.allocId('link'), type, prog, attach, refcnt: 0 };
  engine.objects.hold(prog, false);
  engine.objects.register(link);
  engine.pinObject(link, path);
}

function map(
  engine: EmulatedEngine,
  spec: Omit<MapSpec, 'flags'> & { flags?: string[] },
  inner?: MapObject,
): MapObject {
  return engine.makeMap({ flags: [], ...spec }, inner, inner !== undefined);
}

function hold<T extends MapObject | ProgObject>(engine: EmulatedEngine, obj: T): T {
  engine.objects.holdExternal(obj);
  return obj;
}

/** An IPv4 address as the u32 of its dotted quad: "10.0.0.28" -> 0x0a00001c. */
export const ip4 = (text: string): number => text.split('.').reduce((v, b) => v * 256 + Number(b), 0);

/** A conntrack key in network byte order, as the datapath stores it: saddr, daddr, sport, dport, proto, padding. */
export function ctKey(saddr: number, daddr: number, sport: number, dport: number, proto: number): Uint8Array {
  const k = new Uint8Array(16);
  const dv = new DataView(k.buffer);
  dv.setUint32(0, saddr >>> 0, false);
  dv.setUint32(4, daddr >>> 0, false);
  dv.setUint16(8, sport, false);
  dv.setUint16(10, dport, false);
  k[12] = proto;
  return k;
}

/**
 * struct ct_entry (demo-btf.ts): packets, bytes, last_seen (CLOCK_MONOTONIC ns) u64; state, tcp_flags u8;
 * rx_closing/tx_closing/seen_non_syn bits; ifindex u32.
 */
export function ctValue(
  packets: bigint,
  bytes: bigint,
  lastSeen: bigint,
  state: number = CT_STATE.CT_NEW,
  tcpFlags = 0,
  ifindex = 2,
): Uint8Array {
  const v = new Uint8Array(32);
  const dv = new DataView(v.buffer);
  dv.setBigUint64(0, packets, true);
  dv.setBigUint64(8, bytes, true);
  dv.setBigUint64(16, lastSeen, true);
  v[24] = state;
  v[25] = tcpFlags;
  const closing = state === CT_STATE.CT_CLOSING ? 0b011 : 0;
  dv.setUint16(26, closing | (state === CT_STATE.CT_NEW ? 0 : 0b100), true);
  dv.setUint32(28, ifindex, true);
  return v;
}

const { TCP_SYN: SYN, TCP_ACK: ACK, TCP_PSH: PSH, TCP_FIN: FIN } = TCP_FLAGS;
export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;

export interface DemoFlow {
  src: string;
  sport: number;
  dst: string;
  dport: number;
  proto: number;
  packets: number;
  /** Mean packet size. */
  size: number;
  /** Seconds since the flow last saw a packet. */
  idle: number;
  state?: number;
  flags?: number;
}

/** The conntrack table at start: pods in 10.0.1.0/24 talking to services in 10.0.0.0/24 and to the Internet. */
export const DEMO_FLOWS: readonly DemoFlow[] = [
  { src: '10.0.0.28', sport: 443, dst: '10.0.1.7', dport: 51514, proto: TCP, packets: 1840, size: 1180, idle: 0.4 },
  { src: '10.0.1.7', sport: 51514, dst: '10.0.0.28', dport: 443, proto: TCP, packets: 1836, size: 96, idle: 0.4 },
  { src: '10.0.1.12', sport: 40312, dst: '10.0.0.10', dport: 53, proto: UDP, packets: 2, size: 74, idle: 12 },
  { src: '10.0.0.10', sport: 53, dst: '10.0.1.12', dport: 40312, proto: UDP, packets: 2, size: 130, idle: 12 },
  { src: '10.0.1.7', sport: 36012, dst: '93.184.216.34', dport: 443, proto: TCP, packets: 5230, size: 820, idle: 3 },
  { src: '10.0.1.23', sport: 58744, dst: '140.82.121.4', dport: 443, proto: TCP, packets: 812, size: 610, idle: 45 },
  { src: '10.0.1.9', sport: 0, dst: '10.0.2.1', dport: 0, proto: ICMP, packets: 14, size: 84, idle: 8 },
  { src: '10.0.1.31', sport: 44120, dst: '10.0.0.45', dport: 5432, proto: TCP, packets: 96540, size: 380, idle: 1 },
  { src: '10.0.0.45', sport: 5432, dst: '10.0.1.31', dport: 44120, proto: TCP, packets: 96211, size: 1020, idle: 1 },
  { src: '10.0.1.15', sport: 33018, dst: '1.1.1.1', dport: 53, proto: UDP, packets: 2, size: 90, idle: 27 },
  {
    src: '10.0.1.40',
    sport: 60210,
    dst: '10.0.0.80',
    dport: 8080,
    proto: TCP,
    packets: 61,
    size: 540,
    idle: 20,
    state: CT_STATE.CT_CLOSING,
    flags: FIN | ACK | PSH,
  },
  { src: '192.168.1.10', sport: 22, dst: '10.0.1.99', dport: 50022, proto: TCP, packets: 340, size: 210, idle: 2 },
];

/** A flow's key and value, last seen `idle` seconds before `now` (the engine's CLOCK_MONOTONIC). */
export function flowEntry(f: DemoFlow, now: bigint): { key: Uint8Array; value: Uint8Array } {
  const flags = f.flags ?? (f.proto === TCP ? SYN | ACK | PSH : 0);
  const seen = now - BigInt(Math.round(f.idle * 1e9));
  return {
    key: ctKey(ip4(f.src), ip4(f.dst), f.sport, f.dport, f.proto),
    value: ctValue(
      BigInt(f.packets),
      BigInt(f.packets * f.size),
      seen > 0n ? seen : 1n,
      f.state ?? CT_STATE.CT_ESTABLISHED,
      flags,
    ),
  };
}

export interface DemoObjects {
  conntrack: MapObject;
  counters: MapObject;
  xdpStats: MapObject;
  /** The per-endpoint policy maps inside tc/globals/cilium_policies. */
  policies: MapObject[];
}

const demoByEngine = new WeakMap<EmulatedEngine, DemoObjects>();
export const demoObjectsOf = (engine: EmulatedEngine): DemoObjects | undefined => demoByEngine.get(engine);

export function buildDemo(engine: EmulatedEngine): void {
  const e = engine;
  for (const dir of ['tc', 'tc/globals', 'xdp', 'ip', 'maps']) void e.mkdir(dir);
  const ct = hold(
    e,
    map(e, {
      type: 'lru_hash',
      name: 'cilium_ct4_glob',
      keySize: 16,
      valueSize: 32,
      maxEntries: 65536,
      btf: demoMapBtf('ct4_key', 'ct_entry'),
    }),
  );
  const now = e.monotonicNs();
  for (const f of DEMO_FLOWS) {
    const { key, value } = flowEntry(f, now);
    ct.store.update(key, value, BPF_ANY);
  }
  const counters = hold(
    e,
    map(e, {
      type: 'percpu_array',
      name: 'cali_counters',
      keySize: 4,
      valueSize: 8,
      maxEntries: 8,
      btf: demoMapBtf('u32', 'counter_t'),
    }),
  );
  // prog_array and ringbuf carry no BTF: the kernel refuses key/value BTF for them.
  const jump = hold(e, map(e, { type: 'prog_array', name: 'cali_jump', keySize: 4, valueSize: 4, maxEntries: 8 }));
  const progs = ['cali_tc_main', 'cali_tc_policy', 'cali_tc_allowed'].map((name, i) =>
    hold(e, e.makeProgram({ type: 'sched_cls', name, insns: simpleProgram(0, 3 + i * 4), license: 'Dual BSD/GPL' })),
  );
  progs.forEach((p, i) => jump.store.update(uintToLe(i, 4), p, BPF_ANY));
  const xdpStats = hold(
    e,
    map(e, {
      type: 'percpu_array',
      name: 'xdp_stats_map',
      keySize: 4,
      valueSize: 16,
      maxEntries: 5,
      btf: demoMapBtf('u32', 'datarec'),
    }),
  );
  const xdp = hold(
    e,
    e.makeProgram({ type: 'xdp', name: 'xdp_prog_main', insns: simpleProgram(2, 6), license: 'GPL' }),
  );
  const lpm = hold(
    e,
    map(e, {
      type: 'lpm_trie',
      name: 'ip_allow_list',
      keySize: 8,
      valueSize: 1,
      maxEntries: 1024,
      flags: ['no_prealloc'],
      btf: demoMapBtf('lpm_v4_key', 'u8'),
    }),
  );
  lpm.store.update(new Uint8Array([24, 0, 0, 0, 10, 0, 0, 0]), new Uint8Array([1]), BPF_ANY);
  lpm.store.update(new Uint8Array([16, 0, 0, 0, 192, 168, 0, 0]), new Uint8Array([1]), BPF_ANY);
  const policy = buildPolicyMaps(e);
  hold(e, policy.outer);
  const events = hold(e, map(e, { type: 'ringbuf', name: 'events', keySize: 0, valueSize: 0, maxEntries: 65536 }));
  const pins: [MapObject | ProgObject, string][] = [
    [ct, 'tc/globals/cilium_ct4_global'],
    [counters, 'tc/globals/cali_counters'],
    [jump, 'tc/globals/cali_jump'],
    [policy.outer, 'tc/globals/cilium_policies'],
    [progs[0]!, 'tc/globals/cali_tc_main'],
    [xdpStats, 'xdp/xdp_stats_map'],
    [xdp, 'xdp/xdp_prog_main'],
    [lpm, 'ip/ip_allow_list'],
    [events, 'maps/events'],
  ];
  for (const [obj, path] of pins) e.pinObject(obj, path);
  // Links their loaders left pinned (`ip link set dev eth0 xdp pinned …`, a tcx
  // loader); only the pin keeps each alive, so unlinking it detaches the program.
  pinLink(e, xdp, 'xdp', { ifindex: 2 }, 'xdp/xdp_link');
  pinLink(e, progs[0]!, 'tcx', { ifindex: 2, attach_type: TCX_INGRESS }, 'tc/cali_tc_main_ingress');
  void e.link('xdp/xdp_stats_map', 'maps/xdp_stats');
  void e.symlink('../tc/globals/cilium_ct4_global', 'maps/conntrack');
  // Alive only through the other process: not pinned, not in handles().
  hold(
    e,
    map(e, {
      type: 'hash',
      name: 'sock_cookies',
      keySize: 8,
      valueSize: 8,
      maxEntries: 4096,
      btf: demoMapBtf('u64', 'u64'),
    }),
  );
  hold(e, e.makeProgram({ type: 'cgroup_skb', name: 'cgroup_egress', insns: simpleProgram(1, 2), license: 'GPL' }));
  demoByEngine.set(e, { conntrack: ct, counters, xdpStats, policies: policy.inner });
}
