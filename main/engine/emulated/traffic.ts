// Simulated traffic for the demo, as a real host shows it: a few busy flows get packets every second, most sit
// idle, new flows open now and then, idle ones expire (conntrack GC); per-CPU counters move for the actions
// that happen. Value changes emit no tree events (like the kernel, where inotify sees nothing of them).

import { bytesToHex } from '../../../shared/bpf/hex.js';

import { ctKey, ctValue, DEMO_FLOWS, demoObjectsOf, flowEntry, ip4, TCP, UDP } from './demo.js';
import { CT_STATE, TCP_FLAGS } from './demo-btf.js';
import { tickPolicy } from './demo-policy.js';
import type { EmulatedEngine } from './engine.js';
import type { HashStore } from './hash-store.js';
import { bumpRunStats } from './prog-details.js';
import type { ArrayStore } from './stores.js';
import { BPF_ANY } from './stores.js';

/** How a flow moves: the chance it sees packets in a tick, and its mean packet size. */
interface FlowSim {
  chance: number;
  size: number;
}

const sims = new WeakMap<EmulatedEngine, Map<string, FlowSim>>();
const SECOND = 1_000_000_000n;
/** Idle time after which conntrack GC drops a flow, as the kernel's defaults roughly go. */
const TIMEOUT = { tcp: 120n * SECOND, udp: 30n * SECOND, closing: 10n * SECOND };
const MAX_FLOWS = 40;
const SERVICES: readonly [string, number, number][] = [
  ['10.0.0.28', 443, TCP],
  ['10.0.0.10', 53, UDP],
  ['10.0.0.45', 5432, TCP],
  ['10.0.0.80', 8080, TCP],
  ['93.184.216.34', 443, TCP],
  ['140.82.121.4', 443, TCP],
  ['1.1.1.1', 53, UDP],
];

function simOf(engine: EmulatedEngine): Map<string, FlowSim> {
  let sim = sims.get(engine);
  if (!sim) {
    sim = new Map();
    // The flows of the demo that were just active stay busy; the rest are mostly idle.
    for (const f of DEMO_FLOWS) {
      const { key } = flowEntry(f, 0n);
      sim.set(bytesToHex(key), { chance: f.idle <= 1 ? 0.9 : f.idle <= 3 ? 0.3 : 0.02, size: f.size });
    }
    sims.set(engine, sim);
  }
  return sim;
}

function bumpPerCpu(store: ArrayStore, index: number, slot: number, cpus: number, by: number): void {
  const raw = store.raw(index);
  if (!raw) return;
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const per = raw.byteLength / cpus;
  for (let c = 0; c < cpus; c++) {
    const at = c * per + slot * 8;
    if (at + 8 <= raw.byteLength) dv.setBigUint64(at, dv.getBigUint64(at, true) + BigInt(by + c), true);
  }
}

function tickConntrack(engine: EmulatedEngine, ct: HashStore, random: () => number): void {
  const now = engine.monotonicNs();
  const sim = simOf(engine);
  for (const key of ct.keys()) {
    const id = bytesToHex(key);
    const v = ct.raw(key);
    if (!v) continue;
    const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
    const state = v[24];
    const timeout = state === CT_STATE.CT_CLOSING ? TIMEOUT.closing : key[12] === TCP ? TIMEOUT.tcp : TIMEOUT.udp;
    if (now - dv.getBigUint64(16, true) > timeout) {
      ct.delete(key);
      sim.delete(id);
      continue;
    }
    let flow = sim.get(id);
    if (!flow) sim.set(id, (flow = { chance: 0.05, size: 400 }));
    if (random() >= flow.chance) continue;
    const pkts = BigInt(1 + Math.floor(random() * 20));
    dv.setBigUint64(0, dv.getBigUint64(0, true) + pkts, true);
    dv.setBigUint64(8, dv.getBigUint64(8, true) + pkts * BigInt(flow.size), true);
    dv.setBigUint64(16, now, true);
    if (state === CT_STATE.CT_NEW) {
      v[24] = CT_STATE.CT_ESTABLISHED;
      if (key[12] === TCP) v[25] = (v[25] ?? 0) | TCP_FLAGS.TCP_ACK | TCP_FLAGS.TCP_PSH;
      dv.setUint16(26, dv.getUint16(26, true) | 0b100, true);
    } else if (state === CT_STATE.CT_ESTABLISHED && key[12] === TCP && flow.chance < 0.9 && random() < 0.05) {
      // Now and then a connection ends: FIN, closing, and GC takes it a few seconds later.
      v[24] = CT_STATE.CT_CLOSING;
      v[25] = (v[25] ?? 0) | TCP_FLAGS.TCP_FIN;
      dv.setUint16(26, dv.getUint16(26, true) | 0b011, true);
      flow.chance = 0;
    }
  }
  if (ct.keys().length >= MAX_FLOWS || random() >= 0.2) return;
  // A pod opens a connection to a service or out to the Internet.
  const [dst, dport, proto] = SERVICES[Math.floor(random() * SERVICES.length)]!;
  const src = `10.0.1.${2 + Math.floor(random() * 60)}`;
  const sport = 32768 + Math.floor(random() * 28000);
  const key = ctKey(ip4(src), ip4(dst), sport, dport, proto);
  if (ct.raw(key)) return;
  const size = proto === TCP ? 200 + Math.floor(random() * 1200) : 60 + Math.floor(random() * 80);
  sim.set(bytesToHex(key), { chance: proto === TCP ? 0.3 : 0.1, size });
  ct.update(key, ctValue(1n, BigInt(size), now, CT_STATE.CT_NEW, proto === TCP ? TCP_FLAGS.TCP_SYN : 0), BPF_ANY);
}

/** One step of traffic; exported so tests can drive it without timers (and with their own dice). */
export function trafficTick(engine: EmulatedEngine, random: () => number = Math.random): void {
  if (engine.statsTokens.size > 0) bumpRunStats(engine.objects.all()); // Program details
  const demo = demoObjectsOf(engine);
  if (!demo) return;
  tickConntrack(engine, demo.conntrack.store as HashStore, random);
  tickPolicy(demo.policies, random);
  const cpus = engine.core.possibleCpus;
  // Counters 0-2 count every second; the others only now and then.
  for (let i = 0; i < 8; i++) {
    if (i < 3 || random() < 0.1) bumpPerCpu(demo.counters.store as ArrayStore, i, 0, cpus, i + 1);
  }
  // XDP actions: PASS always, DROP and REDIRECT sometimes, ABORTED and TX never.
  const moving: [number, number][] = [
    [2, 1],
    [1, 0.3],
    [4, 0.2],
  ];
  for (const [action, chance] of moving) {
    if (random() >= chance) continue;
    bumpPerCpu(demo.xdpStats.store as ArrayStore, action, 0, cpus, 3 * (action + 1));
    bumpPerCpu(demo.xdpStats.store as ArrayStore, action, 1, cpus, 1500 * (action + 1));
  }
}

export function startTraffic(engine: EmulatedEngine, intervalMs: number): void {
  const timer = setInterval(() => trafficTick(engine), intervalMs);
  timer.unref();
  engine.disposers.push(() => clearInterval(timer));
}
