// Which info fields the differential run compares, and why the others are left out.
import type { ObjectInfo, PinStore } from '../shared/engine.js';

import type { LabelTable } from './labels.js';

/** Fields never compared, each with the reason. Everything else an engine reports is compared. */
export const EXCLUDED_INFO_FIELDS: Readonly<Record<string, string>> = {
  id: 'ids are allocated per engine (cyclic on the kernel); objects are compared by label instead',
  loadedAt: 'wall-clock time of loading differs between any two runs',
  jitedLen: 'the JIT output size depends on the JIT and kernel config; the emulator has no JIT',
  memlock: "kernel struct sizes decide it; main/engine/memlock.native.test.ts compares the emulator's model",
};

/** objectInfo without excluded fields, with ids of other objects written as the labels that named them. */
export function comparableInfo(info: ObjectInfo, labels: LabelTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(info)) {
    if (k in EXCLUDED_INFO_FIELDS) continue;
    out[k] = v;
  }
  // BTF object ids are allocated per engine like object ids: only whether there is one is compared.
  if (info.kind === 'map' || info.kind === 'prog') out.btfId = info.btfId === 0 ? 0 : 'some';
  if (info.kind === 'prog') out.mapIds = info.mapIds.map((id) => labels.labelOf('map', id));
  if (info.kind === 'link') out.progId = labels.labelOf('prog', info.progId);
  return out;
}

/** Whether the map has BPF_F_ZERO_SEED: only then are its hash order and batch tokens the same on every run. */
export async function zeroSeed(store: PinStore, handle: number): Promise<boolean> {
  try {
    const info = await store.objectInfo(handle);
    return info.kind === 'map' && info.flagNames.includes('zero_seed');
  } catch {
    return false;
  }
}
