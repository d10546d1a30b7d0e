// Opens each engine for a figure, or says why it cannot (the engines load lazily: native needs Linux, root and koffi).
import type { PinStore } from '../shared/engine.js';

export type EngineName = 'native' | 'emulated';

export type Opened = { engine: PinStore } | { skipped: string };

export async function openEngine(name: EngineName, bpffs: string | null): Promise<Opened> {
  try {
    if (name === 'emulated') {
      const { createEmulatedEngine } = await import('../main/engine/emulated/index.js');
      return { engine: await createEmulatedEngine({ demo: false, traffic: false }) };
    }
    if (bpffs === null) return { skipped: 'no private bpffs (needs root and mount -t bpf)' };
    const { createNativeEngine } = await import('../main/engine/native/index.js');
    return { engine: await createNativeEngine({ bpffs }) };
  } catch (e) {
    return { skipped: `${name} engine unavailable: ${(e as Error).message}` };
  }
}

/** Runs `body` with a fresh engine and always disposes it. */
export async function withEngine<T>(
  name: EngineName, bpffs: string | null, body: (engine: PinStore) => Promise<T>,
): Promise<T | { skipped: string }> {
  const opened = await openEngine(name, bpffs);
  if ('skipped' in opened) return opened;
  try {
    return await body(opened.engine);
  } finally {
    await opened.engine.dispose();
  }
}
