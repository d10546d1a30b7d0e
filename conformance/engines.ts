// Fresh engines for one scenario: the emulator, and the kernel through a private bpffs mount.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { PinStore } from '../shared/engine.js';
import { mountBpffs } from './mount.js';

export interface OpenEngine {
  store: PinStore;
  /**
   * Extra looks before `alive` answers true: on the kernel a pin's reference drops when its inode is
   * freed after an RCU grace period, so "still alive" is only believed after these delays (ms).
   */
  settleDelaysMs?: readonly number[];
  /** Disposes the engine and, for native, unmounts its private bpffs. */
  close(): Promise<void>;
}

export type EngineFactory = () => Promise<OpenEngine>;

/** Number of possible CPUs as the kernel counts them ("0-1,4" style ranges in sysfs). */
export function possibleCpus(): number {
  try {
    const text = readFileSync('/sys/devices/system/cpu/possible', 'utf8').trim();
    let n = 0;
    for (const part of text.split(',')) {
      const [lo, hi] = part.split('-').map(Number);
      n += hi === undefined ? 1 : hi - lo! + 1;
    }
    return n > 0 ? n : cpus().length;
  } catch {
    return cpus().length;
  }
}

/** Why native runs are impossible here, or undefined when they are possible. */
export function nativeUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `native engine needs Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'native engine needs root (mount -t bpf and bpf(2))';
  return undefined;
}

export const openEmulated: EngineFactory = async () => {
  const { createEmulatedEngine } = await import('../main/engine/emulated/index.js');
  const store = await createEmulatedEngine({ possibleCpus: possibleCpus(), demo: false, traffic: false });
  return { store, close: () => store.dispose() };
};

export const openNative: EngineFactory = async () => {
  const mount = mountBpffs();
  try {
    const { createNativeEngine } = await import('../main/engine/native/index.js');
    const store = await createNativeEngine({ bpffs: mount.dir });
    return {
      store,
      settleDelaysMs: [2, 10, 40],
      close: async () => {
        try {
          await store.dispose();
        } finally {
          mount.unmount();
        }
      },
    };
  } catch (e) {
    mount.unmount();
    throw e;
  }
};
