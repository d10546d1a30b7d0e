// Opens the engine the options ask for. The native engine is loaded only when asked (it needs Linux and koffi).
import type { PinStore } from '../../shared/engine.js';

import type { AppOptions } from '../options.js';

export async function createEngine(opts: Pick<AppOptions, 'engine' | 'bpffs' | 'empty'>): Promise<PinStore> {
  if (opts.engine === 'native') {
    const { createNativeEngine } = await import('./native/index.js');
    return createNativeEngine({ bpffs: opts.bpffs });
  }
  const { createEmulatedEngine } = await import('./emulated/index.js');
  return createEmulatedEngine({ demo: !opts.empty, traffic: !opts.empty });
}
