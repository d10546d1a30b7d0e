// The engine's handle table: small positive numbers it hands out, each owning one fd.
import type { HandleInfo, ObjectKind } from '../../../shared/engine.js';
import { ARGUMENT_PROBLEM, OP, refusal } from '../../../shared/refusal.js';

/** What element operations need to know about a map, read once when the handle is opened. */
export interface MapMeta {
  type: string;
  typeId: number;
  keySize: number;
  valueSize: number;
  /** Bytes of one value as user space reads and writes it (per-CPU: padded, times CPUs). */
  wireValueSize: number;
  /** prog_array and map-in-map: values are handles, lookups give ids. */
  fdValued: boolean;
  /** max_entries, to size packed reads up front. */
  maxEntries?: number;
  /** map_flags (BPF_F_MMAPABLE arrays are read through mmap). */
  flags?: number;
}

export interface Handle {
  info: HandleInfo;
  fd: number;
  map?: MapMeta;
}

export class HandleTable {
  private nextHandle = 1;
  private readonly table = new Map<number, Handle>();

  add(fd: number, info: Omit<HandleInfo, 'handle'>, map?: MapMeta): Handle {
    const handle = this.nextHandle++;
    const entry: Handle = { info: { handle, ...info }, fd };
    if (map) entry.map = map;
    this.table.set(handle, entry);
    return entry;
  }

  /** The handle's entry; EBADF when it is unknown or closed. */
  get(handle: number, what: string = OP.info): Handle {
    const h = this.table.get(handle);
    if (!h) {
      throw refusal('EBADF', what, {
        detail: ARGUMENT_PROBLEM.handleClosed(handle),
        hint: 'It was closed or never existed; open the object again with Get.',
      });
    }
    return h;
  }

  /** The fd of a handle, or -1 when it is not open: the kernel then says EBADF in its own order. */
  fdOrInvalid(handle: number): number {
    return this.table.get(handle)?.fd ?? -1;
  }

  /** The entry for a map handle; EINVAL when the handle is not a map. */
  getMap(handle: number, what: string): Handle & { map: MapMeta } {
    const h = this.get(handle, what);
    if (!h.map) {
      throw refusal('EINVAL', what, { path: h.info.path, detail: ARGUMENT_PROBLEM.notAMap(handle, h.info.kind) });
    }
    return h as Handle & { map: MapMeta };
  }

  remove(handle: number): Handle | undefined {
    const h = this.table.get(handle);
    this.table.delete(handle);
    return h;
  }

  list(): HandleInfo[] {
    return [...this.table.values()].filter((h) => !h.info.internal).map((h) => ({ ...h.info }));
  }

  all(): Handle[] {
    return [...this.table.values()];
  }

  /** Handles on the object with this kind and id. */
  onObject(kind: ObjectKind, id: number): number[] {
    return this.all()
      .filter((h) => !h.info.internal && h.info.kind === kind && h.info.id === id)
      .map((h) => h.info.handle);
  }
}
