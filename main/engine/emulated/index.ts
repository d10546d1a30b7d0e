// createEmulatedEngine: the in-memory bpffs + bpf(2) model, optionally with a demo tree and simulated traffic.

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

import { parseCpuList } from '../../../shared/bpf/cpu-list.js';
import type { PinStore } from '../../../shared/engine.js';

import { buildDemo, preloadDebugLinks } from './demo.js';
import { buildContainerMount } from './demo-mounts.js';
import { EmulatedEngine } from './engine.js';
import { startTraffic } from './traffic.js';

export { EmulatedEngine } from './engine.js';
export { trafficTick } from './traffic.js';

export interface EmulatedOptions {
  possibleCpus?: number;
  /** The CPU bpf(2) calls are modelled to run on (a caller pinned to one CPU). */
  cpu?: number;
  demo?: boolean;
  traffic?: boolean;
  trafficIntervalMs?: number;
  mountPoint?: string;
  preloadDebugLinks?: boolean;
  uid?: number;
  gid?: number;
  umask?: number;
}

/** CPUs in /sys/devices/system/cpu/possible ("0-1" -> 2), else os.cpus().length. */
export function hostPossibleCpus(): number {
  try {
    const n = parseCpuList(readFileSync('/sys/devices/system/cpu/possible', 'utf8'));
    if (n > 0) return n;
  } catch {
    // not Linux: fall through
  }
  return Math.max(1, cpus().length);
}

export function createEmulatedEngine(opts: EmulatedOptions = {}): PinStore & EmulatedEngine {
  const engine = new EmulatedEngine({
    possibleCpus: opts.possibleCpus ?? hostPossibleCpus(),
    ...(opts.cpu !== undefined ? { cpu: opts.cpu } : {}),
    mountPoint: opts.mountPoint ?? '/sys/fs/bpf',
    uid: opts.uid ?? 0,
    gid: opts.gid ?? 0,
    umask: opts.umask ?? 0o022,
  });
  if (opts.preloadDebugLinks ?? true) preloadDebugLinks(engine);
  const demo = opts.demo ?? true;
  if (demo) {
    buildDemo(engine);
    buildContainerMount(engine, opts.preloadDebugLinks ?? true);
    if (opts.traffic ?? true) startTraffic(engine, opts.trafficIntervalMs ?? 1000);
  }
  return engine;
}
