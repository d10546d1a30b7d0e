// Both engines side by side for the load-object tests: a fresh engine per test (native on a private bpffs)
// with an empty folder "drop" to load into.
import { afterEach, beforeEach } from 'vitest';

import type { PinStore } from '../../shared/engine.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { createNativeEngine } from '../../main/engine/native/engine.js';

import { mountPrivateBpffs, type PrivateBpffs } from './bpffs.js';

export type EngineKind = 'emulated' | 'native';

export interface LoadEnv {
  engine: PinStore;
  /** The private bpffs of the native engine. */
  mount?: PrivateBpffs;
}

/** Registers hooks that give each test a fresh engine of this kind; read the result inside tests. */
export function useLoadEngine(kind: EngineKind): LoadEnv {
  const env = {} as LoadEnv;
  beforeEach(async () => {
    if (kind === 'native') {
      env.mount = await mountPrivateBpffs();
      env.engine = createNativeEngine({ bpffs: env.mount.dir });
    } else {
      env.engine = await createEmulatedEngine({ demo: false, traffic: false });
    }
    await env.engine.mkdir('drop');
  });
  afterEach(async () => {
    await env.engine?.dispose();
    await env.mount?.cleanup();
  });
  return env;
}

/** Names in a folder, sorted. */
export async function namesIn(engine: PinStore, folder: string): Promise<string[]> {
  return (await engine.list(folder)).map((e) => e.name).sort();
}
