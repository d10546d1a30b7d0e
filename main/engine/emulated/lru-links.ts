// Circular doubly linked lists with a sentinel head, like the kernel's list_head: the LRU model moves
// nodes between lists and keeps pointers into them (next_inactive_rotation), so it needs the same shape.

export interface Link {
  prev: Link;
  next: Link;
}

/** list_del: unlinks the node and leaves it pointing at itself. */
export function listDel(node: Link): void {
  node.prev.next = node.next;
  node.next.prev = node.prev;
  node.prev = node;
  node.next = node;
}

/** list_add: inserts the node right after `head` (at the list's head). */
export function listAdd(node: Link, head: Link): void {
  node.next = head.next;
  node.prev = head;
  head.next.prev = node;
  head.next = node;
}

/** list_move: unlinks the node and adds it at the head of another (or the same) list. */
export function listMove(node: Link, head: Link): void {
  listDel(node);
  listAdd(node, head);
}

export class LinkedList {
  readonly head: Link;

  constructor() {
    const head = {} as Link;
    head.prev = head;
    head.next = head;
    this.head = head;
  }

  empty(): boolean {
    return this.head.next === this.head;
  }

  addHead(node: Link): void {
    listAdd(node, this.head);
  }

  /** The first node, unlinked; undefined when empty. */
  popFirst(): Link | undefined {
    if (this.empty()) return undefined;
    const node = this.head.next;
    listDel(node);
    return node;
  }

  /** The nodes from the tail to the head, as a snapshot (callers move nodes while they walk). */
  reverse(): Link[] {
    const out: Link[] = [];
    for (let n = this.head.prev; n !== this.head; n = n.prev) out.push(n);
    return out;
  }
}
