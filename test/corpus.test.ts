// The real-object corpus (test/corpus/, see its README) dropped on a folder in both engines, as the app's "Load
// object" does: where the kernel loads an object the emulated engine must load it too and leave the same pins
// (names, types, sizes, flags, frozen, BTF ids, global data and .kconfig bytes; programs' types, names and xlated
// lengths); where the kernel refuses it, the emulated engine must refuse it with the same errno. The native side's
// memory figures are checked against bpftool's on every object too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { PinStore } from '../shared/engine.js';

import { createEmulatedEngine } from '../main/engine/emulated/index.js';
import { createNativeEngine } from '../main/engine/native/engine.js';

import { clangSkipReason } from './support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs } from './support/bpffs.js';
import { corpusObjects, type LoadOutcome, loadOutcome } from './support/corpus.js';

const noClang = clangSkipReason();
const noNative = canMountBpffs();
const skip = noClang ?? noNative;
if (skip) console.warn(`[corpus.test] skipped: ${skip}`);

/** Pins whose memory the engine reports other than bpftool's bytes_memlock (the kernel's fdinfo). */
async function memlockMismatches(engine: PinStore, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await engine.list('drop')) {
    const info = await engine.pathInfo(entry.path);
    if (info.kind !== 'map' && info.kind !== 'prog') continue;
    const shown = JSON.parse(
      execFileSync('bpftool', ['-j', info.kind, 'show', 'pinned', join(dir, entry.path)], { encoding: 'utf8' }),
    ) as { bytes_memlock?: number };
    if (shown.bytes_memlock !== info.memlock)
      out.push(`${entry.path}: bpfscope ${info.memlock}, bpftool ${shown.bytes_memlock}`);
  }
  return out;
}

async function nativeOutcome(fileName: string, bytes: Uint8Array): Promise<[LoadOutcome, string[]]> {
  const mount = await mountPrivateBpffs();
  const engine = createNativeEngine({ bpffs: mount.dir });
  try {
    await engine.mkdir('drop');
    const outcome = await loadOutcome(engine, 'drop', fileName, bytes);
    return [outcome, outcome.loaded ? await memlockMismatches(engine, mount.dir) : []];
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
      const [kernel, memlock] = await nativeOutcome(fileName, bytes);
      expect(await emulatedOutcome(fileName, bytes)).toEqual(kernel);
      // Memory per map and program, as the details and the Objects list show it, is bpftool's figure.
      expect(memlock).toEqual([]);
    });
  }
});
