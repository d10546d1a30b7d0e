// Opens each engine for a figure, or says why it cannot (the engines load lazily: native needs Linux, root and koffi).
import type { PinStore } from '../shared/engine.js';

export type EngineName = 'native' | 'emulated';

type Factory = () => PinStore | Promise<PinStore>;

async function loadFactory(name: EngineName, bpffs: string | null): Promise<Factory | { skipped: string }> {
  if (name === 'native' && bpffs === null) return { skipped: 'no private bpffs to work on' };
  try {
    if (name === 'emulated') {
      const { createEmulatedEngine } = await import('../main/engine/emulated/index.js');
      return () => createEmulatedEngine({ demo: false, traffic: false });
    }
    const { createNativeEngine } = await import('../main/engine/native/index.js');
    const dir = bpffs ?? '';
    return () => createNativeEngine({ bpffs: dir });
  } catch (e) {
    return { skipped: `the ${name} engine does not load: ${(e as Error).message}` };
  }
}

/**
 * Runs `body` with a fresh engine and always disposes it. A module that cannot load is a skip;
 * an engine that loads but fails to start, or a body that fails, throws.
 */
export async function withEngine<T>(
  name: EngineName,
  bpffs: string | null,
  body: (engine: PinStore) => Promise<T>,
): Promise<{ value: T } | { skipped: string }> {
  const factory = await loadFactory(name, bpffs);
  if ('skipped' in factory) return factory;
  let engine: PinStore;
  try {
    engine = await factory();
  } catch (e) {
    throw new Error(`the ${name} engine failed to start: ${(e as Error).message}`, { cause: e });
  }
  try {
    return { value: await body(engine) };
  } finally {
    await engine.dispose();
  }
}

/** Runs one engine's part of a figure, sorting the outcome into a value, a skip or an error. */
export async function engineRun<T>(
  figure: string,
  name: EngineName,
  bpffs: string | null,
  body: (engine: PinStore) => Promise<T>,
  notes: { skipped: string[]; errors: string[] },
): Promise<T | null> {
  // run.ts has already said why there is no private bpffs.
  if (name === 'native' && bpffs === null) return null;
  try {
    const r = await withEngine(name, bpffs, body);
    if ('value' in r) return r.value;
    notes.skipped.push(`${figure}/${name}: ${r.skipped}`);
    return null;
  } catch (e) {
    notes.errors.push(`${figure}/${name}: ${(e as Error).message}`);
    return null;
  }
}
