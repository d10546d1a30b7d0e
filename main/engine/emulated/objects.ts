// The emulated kernel objects (maps, programs, links) and their reference counts (refcnt, and usercnt for maps).

import type { LinkTypeName, MapTypeName, ProgTypeName } from '../../../shared/bpf/types.js';
import type { SpecialField } from '../../../shared/btf/special-fields.js';
import type { ObjectKind } from '../../../shared/engine.js';

import type { ElemStore } from './stores.js';

export interface InnerMeta {
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
}

export interface MapObject {
  kind: 'map';
  id: number;
  type: MapTypeName;
  name: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** map_flags as kept by the kernel (rdonly/wronly stripped). */
  flags: number;
  mapExtra: number;
  frozen: boolean;
  refcnt: number;
  usercnt: number;
  store: ElemStore;
  /** Template of the inner map, for map-in-map types. */
  innerMeta?: InnerMeta;
  /** Program type a prog_array got bound to by its first entry. */
  progOwner?: ProgTypeName;
  /** BTF attached at creation: the BTF object's id and the key/value type ids in it. */
  btf?: { id: number; keyTypeId: number; valueTypeId: number };
  /** Special fields of the value found in its BTF (bpf_spin_lock, bpf_timer, kptrs), by offset. */
  specialFields?: SpecialField[];
  /** Offloaded to this device (maps restored from a snapshot of a host that had one). */
  ifindex?: number;
}

export interface ProgObject {
  kind: 'prog';
  id: number;
  type: ProgTypeName;
  name: string;
  /** The whole function name from the object's BTF, when `name` (15 characters at most) cuts it. */
  fullName?: string;
  tag: string;
  insns: Uint8Array;
  jitedLen: number;
  loadedAt: number;
  createdByUid: number;
  gplCompatible: boolean;
  verifiedInsns: number;
  usedMaps: MapObject[];
  runCnt: number;
  runTimeNs: number;
  /** The instructions as the kernel reports them (map ids in ld_imm64). */
  xlated?: Uint8Array;
  /** Names of calls by instruction index, as a host's kallsyms gave them (programs restored from a snapshot). */
  callNames?: Record<number, string>;
  /** The program's BTF object (0: none). */
  btfId?: number;
  refcnt: number;
}

export interface LinkObject {
  kind: 'link';
  id: number;
  type: LinkTypeName;
  prog: ProgObject;
  attach: Record<string, string | number>;
  refcnt: number;
}

export type BpfObject = MapObject | ProgObject | LinkObject;

/** Cyclic id allocator (like the kernel's idr_alloc_cyclic), starting at a random-ish base. */
class IdAllocator {
  private next: number;
  constructor(private readonly live: Map<number, BpfObject>) {
    this.next = 20 + Math.floor(Math.random() * 200);
  }
  alloc(): number {
    for (;;) {
      const id = this.next;
      this.next = this.next >= 0x7fffffff ? 1 : this.next + 1;
      if (!this.live.has(id)) return id;
    }
  }
}

/**
 * Every live object by kind and id. `hold`/`drop` move the counts; a user reference (fd, pin, external
 * holder) counts in both refcnt and usercnt. The id goes away the moment refcnt reaches 0.
 */
export class ObjectTable {
  private readonly live: Record<ObjectKind, Map<number, BpfObject>> = {
    map: new Map(),
    prog: new Map(),
    link: new Map(),
  };
  private readonly ids: Record<ObjectKind, IdAllocator> = {
    map: new IdAllocator(this.live.map),
    prog: new IdAllocator(this.live.prog),
    link: new IdAllocator(this.live.link),
  };
  /** References held by simulated other processes (not in handles()). */
  private readonly external = new Map<BpfObject, number>();

  constructor(private readonly onFreed: (obj: BpfObject) => void) {}

  allocId(kind: ObjectKind): number {
    return this.ids[kind].alloc();
  }

  /** Makes a new object visible; the caller gives it its first reference with hold(). */
  register(obj: BpfObject): void {
    this.live[obj.kind].set(obj.id, obj);
  }

  find(kind: ObjectKind, id: number): BpfObject | undefined {
    return this.live[kind].get(id);
  }

  /** The smallest live id of this kind above `id`, as idr_get_next finds it. */
  nextId(kind: ObjectKind, id: number): number | undefined {
    let best: number | undefined;
    for (const other of this.live[kind].keys()) if (other > id && (best === undefined || other < best)) best = other;
    return best;
  }

  all(): BpfObject[] {
    return [...this.live.map.values(), ...this.live.prog.values(), ...this.live.link.values()];
  }

  hold(obj: BpfObject, user: boolean): void {
    obj.refcnt++;
    if (user && obj.kind === 'map') obj.usercnt++;
  }

  drop(obj: BpfObject, user: boolean): void {
    if (user && obj.kind === 'map') {
      obj.usercnt--;
      // The kernel clears a prog_array when its last user reference goes (bpf_fd_array_map_clear).
      if (obj.usercnt === 0) obj.store.onUsersGone?.();
    }
    obj.refcnt--;
    if (obj.refcnt > 0) return;
    this.live[obj.kind].delete(obj.id);
    this.free(obj);
  }

  holdExternal(obj: BpfObject): void {
    this.hold(obj, true);
    this.external.set(obj, (this.external.get(obj) ?? 0) + 1);
  }

  dropExternal(obj: BpfObject): void {
    const n = this.external.get(obj) ?? 0;
    if (n === 0) return;
    if (n === 1) this.external.delete(obj);
    else this.external.set(obj, n - 1);
    this.drop(obj, true);
  }

  externalCount(obj: BpfObject): number {
    return this.external.get(obj) ?? 0;
  }

  private free(obj: BpfObject): void {
    // The kernel releases the id first and the references the object holds afterwards (deferred free).
    this.onFreed(obj);
    if (obj.kind === 'map') obj.store.clear();
    else if (obj.kind === 'prog') for (const m of obj.usedMaps) this.drop(m, false);
    else this.drop(obj.prog, false);
  }
}
