// Simulated traffic for the demo: conntrack counters grow, flows come and go, per-CPU counters climb.
// Value changes emit no tree events (like the kernel, where inotify sees nothing of them).

import { ctKey, ctValue, demoObjectsOf } from './demo.js';
import type { EmulatedEngine } from './engine.js';
import type { HashStore } from './hash-store.js';
import { bumpRunStats } from './prog-details.js';
import type { ArrayStore } from './stores.js';
import { BPF_ANY } from './stores.js';

let flowSeq = 0;

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

/** One step of traffic; exported so tests can drive it without timers. */
export function trafficTick(engine: EmulatedEngine): void {
  if (engine.statsTokens.size > 0) bumpRunStats(engine.objects.all()); // Program details
  const demo = demoObjectsOf(engine);
  if (!demo) return;
  const now = process.hrtime.bigint();
  const ct = demo.conntrack.store as HashStore;
  for (const key of ct.keys()) {
    const v = ct.raw(key);
    if (!v) continue;
    const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
    const pkts = BigInt(1 + Math.floor(Math.random() * 20));
    dv.setBigUint64(0, dv.getBigUint64(0, true) + pkts, true);
    dv.setBigUint64(8, dv.getBigUint64(8, true) + pkts * 900n, true);
    dv.setBigUint64(16, now, true);
  }
  // Expire the oldest flow now and then, and open a new one.
  const keys = ct.keys();
  if (keys.length > 8 && Math.random() < 0.5 && keys[0]) ct.delete(keys[0]);
  flowSeq++;
  ct.update(
    ctKey(0x0a000100 + (flowSeq % 200), 0x5db8d822, 30000 + (flowSeq % 30000), 443, 6),
    ctValue(1n, 60n, now),
    BPF_ANY,
  );
  const cpus = engine.core.possibleCpus;
  for (let i = 0; i < 8; i++) bumpPerCpu(demo.counters.store as ArrayStore, i, 0, cpus, i + 1);
  for (let i = 0; i < 5; i++) {
    bumpPerCpu(demo.xdpStats.store as ArrayStore, i, 0, cpus, 3 * (i + 1));
    bumpPerCpu(demo.xdpStats.store as ArrayStore, i, 1, cpus, 1500 * (i + 1));
  }
}

export function startTraffic(engine: EmulatedEngine, intervalMs: number): void {
  const timer = setInterval(() => trafficTick(engine), intervalMs);
  timer.unref();
  engine.disposers.push(() => clearInterval(timer));
}
