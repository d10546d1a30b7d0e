// The kernel's BPF LRU (kernel/bpf/bpf_lru_list.c) node for node: which keys an LRU hash evicts, and when.
// Nodes are fungible while free, so never-used ones are only counted, not allocated.

import { type Link, LinkedList, listDel, listMove } from './lru-links.js';

const ACTIVE = 0;
const INACTIVE = 1;
const FREE = 2;
const LOCAL_FREE = 3;
const LOCAL_PENDING = 4;
type NodeType = typeof ACTIVE | typeof INACTIVE | typeof FREE | typeof LOCAL_FREE | typeof LOCAL_PENDING;

/** LOCAL_FREE_TARGET and PERCPU_FREE_TARGET; also each list's nr_scans. */
const LOCAL_FREE_TARGET = 128;
const PERCPU_FREE_TARGET = 4;

export class LruNode implements Link {
  prev: Link = this;
  next: Link = this;
  type: NodeType = FREE;
  ref = false;
  /** The key of the element using the node (what del_from_htab looks up). */
  owner = '';
  constructor(public cpu: number) {}
}

/** struct bpf_lru_list: active, inactive and free lists; the free list also counts nodes never used. */
class LruList {
  readonly active = new LinkedList();
  readonly inactive = new LinkedList();
  readonly free = new LinkedList();
  readonly counts = [0, 0];
  nextInactiveRotation: Link = this.inactive.head;
  constructor(
    public virgin: number,
    readonly cpu: number,
  ) {}

  list(type: NodeType): LinkedList {
    return type === ACTIVE ? this.active : type === INACTIVE ? this.inactive : this.free;
  }

  /** The first node of the free list (list_first_entry), materializing a never-used one when needed. */
  firstFree(): LruNode | undefined {
    if (this.free.empty() && this.virgin > 0) {
      this.virgin--;
      this.free.addHead(new LruNode(this.cpu));
    }
    return this.free.empty() ? undefined : (this.free.head.next as LruNode);
  }
}

interface LocalList {
  free: LinkedList;
  pending: LinkedList;
  nextSteal: number;
}

/** Removes the element using a node from the hash table; false when no element uses it. */
export type DelFromHtab = (node: LruNode) => boolean;

export interface LruOptions {
  nrElems: number;
  possibleCpus: number;
  /** BPF_F_NO_COMMON_LRU: one list per CPU instead of a common list with per-CPU free/pending lists. */
  percpu: boolean;
  delFromHtab: DelFromHtab;
}

export class BpfLru {
  private readonly percpu: boolean;
  private readonly nrScans: number;
  private readonly targetFree: number;
  private readonly delFromHtab: DelFromHtab;
  private readonly cpus: number;
  /** NO_COMMON_LRU: one list per CPU; otherwise one common list. Made when a CPU first uses it. */
  private readonly lists = new Map<number, LruList>();
  private readonly locals = new Map<number, LocalList>();
  private readonly pcpuEntries: number;
  private readonly nrElems: number;

  constructor(opts: LruOptions) {
    this.percpu = opts.percpu;
    this.cpus = opts.possibleCpus;
    this.nrElems = opts.nrElems;
    this.delFromHtab = opts.delFromHtab;
    this.nrScans = opts.percpu ? PERCPU_FREE_TARGET : LOCAL_FREE_TARGET;
    this.pcpuEntries = Math.floor(opts.nrElems / opts.possibleCpus);
    this.targetFree = Math.min(LOCAL_FREE_TARGET, Math.max(1, Math.floor(this.pcpuEntries / 2)));
  }

  /** bpf_lru_pop_free on `cpu`: a node for a new element (now pending or inactive), or undefined (ENOMEM). */
  popFree(cpu: number, owner: string): LruNode | undefined {
    const node = this.percpu ? this.percpuPopFree(cpu) : this.commonPopFree(cpu);
    if (node) node.owner = owner;
    return node;
  }

  /** bpf_lru_push_free: the node of a deleted, replaced or unused element goes back to a free list. */
  pushFree(node: LruNode): void {
    if (this.percpu) return this.moveNode(this.listOf(node.cpu), node, FREE);
    if (node.type === LOCAL_PENDING) {
      node.type = LOCAL_FREE;
      node.ref = false;
      listDel(node);
      this.local(node.cpu).free.addHead(node);
      return;
    }
    this.moveNode(this.listOf(0), node, FREE);
  }

  /** bpf_lru_node_set_ref. */
  setRef(node: LruNode): void {
    node.ref = true;
  }

  private listOf(cpu: number): LruList {
    const key = this.percpu ? cpu : 0;
    let l = this.lists.get(key);
    if (!l) {
      // bpf_percpu_lru_populate gives each CPU nr_elems / possible CPUs nodes; the common list has them all.
      l = new LruList(this.percpu ? (cpu < this.cpus ? this.pcpuEntries : 0) : this.nrElems, cpu);
      this.lists.set(key, l);
    }
    return l;
  }

  private local(cpu: number): LocalList {
    let l = this.locals.get(cpu);
    if (!l) {
      l = { free: new LinkedList(), pending: new LinkedList(), nextSteal: cpu };
      this.locals.set(cpu, l);
    }
    return l;
  }

  private percpuPopFree(cpu: number): LruNode | undefined {
    const l = this.listOf(cpu);
    this.rotate(l);
    if (!l.firstFree()) this.shrink(l, PERCPU_FREE_TARGET, l.free, FREE);
    const node = l.firstFree();
    if (!node) return undefined;
    node.ref = false;
    this.moveNode(l, node, INACTIVE);
    return node;
  }

  private commonPopFree(cpu: number): LruNode | undefined {
    const loc = this.local(cpu);
    let node = loc.free.popFirst() as LruNode | undefined;
    if (!node) {
      this.popFreeToLocal(loc);
      node = loc.free.popFirst() as LruNode | undefined;
    }
    if (node) return this.addPending(loc, cpu, node);
    // Steal from the local free / pending lists of every CPU, round robin from next_steal.
    const first = loc.nextSteal;
    let steal = first;
    do {
      const victim = this.local(steal);
      node = (victim.free.popFirst() as LruNode | undefined) ?? this.popPending(victim);
      steal = (steal + 1) % this.cpus;
    } while (!node && steal !== first);
    loc.nextSteal = steal;
    return node ? this.addPending(loc, cpu, node) : undefined;
  }

  private addPending(loc: LocalList, cpu: number, node: LruNode): LruNode {
    node.cpu = cpu;
    node.type = LOCAL_PENDING;
    node.ref = false;
    loc.pending.addHead(node);
    return node;
  }

  /** __local_list_pop_pending: the oldest pending node without the ref bit, else the oldest at all. */
  private popPending(loc: LocalList): LruNode | undefined {
    for (const force of [false, true]) {
      for (const node of loc.pending.reverse() as LruNode[]) {
        if ((!node.ref || force) && this.delFromHtab(node)) {
          listDel(node);
          return node;
        }
      }
    }
    return undefined;
  }

  /** bpf_lru_list_pop_free_to_local: flush pending, rotate, then take target_free nodes (evicting if short). */
  private popFreeToLocal(loc: LocalList): void {
    const l = this.listOf(0);
    for (const node of loc.pending.reverse() as LruNode[]) this.moveIn(l, node, node.ref ? ACTIVE : INACTIVE);
    this.rotate(l);
    let nfree = 0;
    while (nfree < this.targetFree) {
      const node = l.firstFree();
      if (!node) break;
      this.moveToFree(l, node, loc.free, LOCAL_FREE);
      nfree++;
    }
    if (nfree < this.targetFree) this.shrink(l, this.targetFree - nfree, loc.free, LOCAL_FREE);
  }

  private moveIn(l: LruList, node: LruNode, type: typeof ACTIVE | typeof INACTIVE): void {
    l.counts[type]!++;
    node.type = type;
    node.ref = false;
    listMove(node, l.list(type).head);
  }

  /** __bpf_lru_node_move: between or within the active and inactive lists, or to the free list. */
  private moveNode(l: LruList, node: LruNode, type: typeof ACTIVE | typeof INACTIVE | typeof FREE): void {
    if (node.type !== type) {
      if (node.type < FREE) l.counts[node.type]!--;
      if (type < FREE) l.counts[type]!++;
      node.type = type;
    }
    node.ref = false;
    if (node === l.nextInactiveRotation) l.nextInactiveRotation = node.prev;
    listMove(node, l.list(type).head);
  }

  private moveToFree(l: LruList, node: LruNode, freeList: LinkedList, type: typeof FREE | typeof LOCAL_FREE): void {
    if (node === l.nextInactiveRotation) l.nextInactiveRotation = node.prev;
    if (node.type < FREE) l.counts[node.type]!--;
    node.type = type;
    listMove(node, freeList.head);
  }

  private rotate(l: LruList): void {
    if (l.counts[INACTIVE]! < l.counts[ACTIVE]!) this.rotateActive(l);
    this.rotateInactive(l);
  }

  /** From the tail: referenced nodes back to the active head, the others to the inactive head. */
  private rotateActive(l: LruList): void {
    const head = l.active.head;
    const firstNode = head.next;
    let i = 0;
    for (let node = head.prev; node !== head; ) {
      const prev = node.prev;
      const n = node as LruNode;
      this.moveNode(l, n, n.ref ? ACTIVE : INACTIVE);
      if (++i === this.nrScans || n === firstNode) break;
      node = prev;
    }
  }

  /** From next_inactive_rotation towards the head: referenced nodes move to the active list. */
  private rotateInactive(l: LruList): void {
    const inactive = l.inactive.head;
    if (l.inactive.empty()) return;
    let last = l.nextInactiveRotation.next;
    if (last === inactive) last = last.next;
    let cur = l.nextInactiveRotation;
    let next: Link = inactive;
    let i = 0;
    while (i < this.nrScans) {
      if (cur === inactive) {
        cur = cur.prev;
        continue;
      }
      const node = cur as LruNode;
      next = cur.prev;
      if (node.ref) this.moveNode(l, node, ACTIVE);
      if (cur === last) break;
      cur = next;
      i++;
    }
    l.nextInactiveRotation = next;
  }

  /** __bpf_lru_list_shrink: unreferenced inactive nodes from the tail, else one node by force. */
  private shrink(l: LruList, target: number, freeList: LinkedList, type: typeof FREE | typeof LOCAL_FREE): void {
    let shrunk = 0;
    let i = 0;
    const inactive = l.inactive.head;
    for (let cur = inactive.prev; cur !== inactive; ) {
      const prev = cur.prev;
      const node = cur as LruNode;
      if (node.ref) this.moveNode(l, node, ACTIVE);
      else if (this.delFromHtab(node)) {
        this.moveToFree(l, node, freeList, type);
        if (++shrunk === target) break;
      }
      if (++i === this.nrScans) break;
      cur = prev;
    }
    if (shrunk) return;
    const force = l.inactive.empty() ? l.active : l.inactive;
    for (const node of force.reverse() as LruNode[]) {
      if (this.delFromHtab(node)) return this.moveToFree(l, node, freeList, type);
    }
  }
}
