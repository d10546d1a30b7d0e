// The demo tree: what a host running a CNI and an XDP program might have pinned, plus objects that only
// a simulated other process keeps alive.
import { uintToLe } from '../../../shared/bpf/hex.js';
import type { MapSpec } from '../../../shared/engine.js';

import { CT_STATE, demoMapBtf } from './demo-btf.js';
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

/** A conntrack key: saddr u32, daddr u32, sport u16, dport u16, proto u8, 3 bytes padding. */
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

/** struct ct_entry (demo-btf.ts): packets, bytes, last_seen (ns) u64; state u32; closing/SYN bits u16; ifindex u16. */
export function ctValue(
  packets: bigint,
  bytes: bigint,
  lastSeen: bigint,
  state: number = CT_STATE.CT_NEW,
  ifindex = 2,
): Uint8Array {
  const v = new Uint8Array(32);
  const dv = new DataView(v.buffer);
  dv.setBigUint64(0, packets, true);
  dv.setBigUint64(8, bytes, true);
  dv.setBigUint64(16, lastSeen, true);
  dv.setUint32(24, state, true);
  dv.setUint16(28, state === CT_STATE.CT_NEW ? 0 : 0b100, true);
  dv.setUint16(30, ifindex, true);
  return v;
}

export interface DemoObjects {
  conntrack: MapObject;
  counters: MapObject;
  xdpStats: MapObject;
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
  for (let i = 0; i < 12; i++) {
    ct.store.update(
      ctKey(0x0a000001 + i, 0x0a0000fe, 40000 + i * 7, i % 3 === 0 ? 53 : 443, i % 3 === 0 ? 17 : 6),
      ctValue(
        BigInt(10 + i * 3),
        BigInt(1500 * (10 + i * 3)),
        0n,
        i === 11 ? CT_STATE.CT_CLOSING : CT_STATE.CT_ESTABLISHED,
      ),
      BPF_ANY,
    );
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
  const events = hold(e, map(e, { type: 'ringbuf', name: 'events', keySize: 0, valueSize: 0, maxEntries: 65536 }));
  const pins: [MapObject | ProgObject, string][] = [
    [ct, 'tc/globals/cilium_ct4_global'],
    [counters, 'tc/globals/cali_counters'],
    [jump, 'tc/globals/cali_jump'],
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
  demoByEngine.set(e, { conntrack: ct, counters, xdpStats });
}
