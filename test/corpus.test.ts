// The real-object corpus (test/corpus/, see its README) dropped on a folder in both engines, as the app's "Load
// object" does: where the kernel loads an object the emulated engine must load it too and leave the same pins
// (names, types, sizes, flags, frozen, BTF ids, global data and .kconfig bytes; programs' types and names); where
// the kernel refuses it, the emulated engine must refuse it with the same errno.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { createEmulatedEngine } from '../main/engine/emulated/index.js';
import { createNativeEngine } from '../main/engine/native/engine.js';

import { clangSkipReason } from './support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs } from './support/bpffs.js';
import { corpusObjects, type LoadOutcome, loadOutcome } from './support/corpus.js';

const noClang = clangSkipReason();
const noNative = canMountBpffs();
const skip = noClang ?? noNative;
if (skip) console.warn(`[corpus.test] skipped: ${skip}`);

async function nativeOutcome(fileName: string, bytes: Uint8Array): Promise<LoadOutcome> {
  const mount = await mountPrivateBpffs();
  const engine = createNativeEngine({ bpffs: mount.dir });
  try {
    await engine.mkdir('drop');
    return await loadOutcome(engine, 'drop', fileName, bytes);
  } finally {
    await engine.dispose();
    await mount.cleanup();
  }
}

async function emulatedOutcome(fileName: string, bytes: Uint8Array): Promise<LoadOutcome> {
  const engine = await createEmulatedEngine({ demo: false, traffic: false });
  try {
    await engine.mkdir('drop');
    return await loadOutcome(engine, 'drop', fileName, bytes);
  } finally {
    await engine.dispose();
  }
}

describe.skipIf(skip)('the real-object corpus in both engines', () => {
  const objects = skip ? [] : corpusObjects();

  it('compiles, and has at least 30 objects', () => {
    expect(objects.filter((o) => o.error).map((o) => `${o.id}: ${o.error}`)).toEqual([]);
    expect(objects.length).toBeGreaterThanOrEqual(30);
  });

  for (const o of objects) {
    it(`${o.id}: the emulated engine does what the kernel does`, async () => {
      const bytes = new Uint8Array(readFileSync(o.object));
      const fileName = o.object.slice(o.object.lastIndexOf('/') + 1);
      const kernel = await nativeOutcome(fileName, bytes);
      expect(await emulatedOutcome(fileName, bytes)).toEqual(kernel);
    });
  }
});
