// prog_array, array_of_maps and perf_event_array: slots that hold a reference on a program or map.
import { uintToLe } from '../../../shared/bpf/hex.js';
import type { MapEntry } from '../../../shared/engine.js';

import type { BpfObject } from './objects.js';
import {
  arrayNextKey,
  BPF_ANY,
  type ElemStore,
  type EntryRefs,
  fail,
  keyIndex,
  notSupported,
  resolveObject,
  type UpdateValue,
  valueBytes,
} from './stores.js';

/** Decides whether an object may go into the map (EINVAL when not); may bind state on first use. */
export type SlotCheck = (obj: BpfObject) => void;

export class FdArrayStore implements ElemStore {
  private readonly slots: (BpfObject | null)[];

  constructor(
    private readonly maxEntries: number,
    private readonly refs: EntryRefs,
    private readonly check: SlotCheck,
    /** perf_event_array has no syscall-side lookup (524). */
    private readonly sysLookup: boolean,
    /** prog_array is cleared when its last user reference goes. */
    private readonly clearWhenUnused: boolean,
    readonly batch: boolean,
  ) {
    this.slots = new Array<BpfObject | null>(maxEntries).fill(null);
  }

  lookup(key: Uint8Array | null): Uint8Array {
    if (!this.sysLookup) return notSupported('lookup');
    const obj = this.slots[keyIndex(key)];
    if (!obj) fail('ENOENT', `Slot ${keyIndex(key)} is empty.`);
    return valueBytes(obj);
  }

  update(key: Uint8Array | null, value: UpdateValue | BpfObject, flag: number): void {
    if (flag !== BPF_ANY) fail('EINVAL', 'Maps of fds only take the "any" update flag (EINVAL).');
    const i = keyIndex(key);
    if (i >= this.maxEntries) fail('E2BIG', `Index ${i} is beyond max_entries ${this.maxEntries}.`);
    const obj = resolveObject(value);
    this.check(obj);
    this.refs.hold(obj);
    const old = this.slots[i];
    this.slots[i] = obj;
    if (old) this.refs.drop(old);
  }

  delete(key: Uint8Array | null): void {
    const i = keyIndex(key);
    if (i >= this.maxEntries) fail('E2BIG', `Index ${i} is beyond max_entries ${this.maxEntries}.`);
    const old = this.slots[i];
    if (!old) fail('ENOENT', `Slot ${i} is already empty.`);
    this.slots[i] = null;
    this.refs.drop(old);
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    return arrayNextKey(key, this.maxEntries);
  }

  lookupAndDelete(): Uint8Array {
    return notSupported('lookup_and_delete');
  }

  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    this.slots.forEach((obj, i) => {
      if (obj) out.push({ key: uintToLe(i, 4), value: valueBytes(obj) });
    });
    return out;
  }

  clear(): void {
    for (let i = 0; i < this.slots.length; i++) {
      const old = this.slots[i];
      this.slots[i] = null;
      if (old) this.refs.drop(old);
    }
  }

  onUsersGone(): void {
    if (this.clearWhenUnused) this.clear();
  }

  /** The objects in the slots, for display of what a map holds. */
  held(): BpfObject[] {
    return this.slots.filter((s): s is BpfObject => s !== null);
  }
}
