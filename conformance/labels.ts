// Scenario labels -> engine handles, and object ids -> labels (ids differ between engines, labels do not).

import type { HandleInfo, ObjectKind } from '../shared/engine.js';
import { BpfError } from '../shared/errors.js';

export interface Binding {
  handle: number;
  kind: ObjectKind;
  id: number;
  type: string;
  /** Binding order, so "the label of an id" is the same choice in both engines. */
  seq: number;
}

export class LabelTable {
  private readonly bindings = new Map<string, Binding>();
  private seq = 0;

  bind(label: string, h: HandleInfo): void {
    this.bindings.set(label, { handle: h.handle, kind: h.kind, id: h.id, type: h.type, seq: this.seq++ });
  }

  /** A failed create/load/get leaves the label unbound, even if it named something before. */
  unbind(label: string): void {
    this.bindings.delete(label);
  }

  /** The binding of a label; an unbound label behaves like a closed fd: EBADF in both engines. */
  resolve(label: string): Binding {
    const b = this.bindings.get(label);
    if (!b) throw new BpfError('EBADF', `label "${label}" is not bound to an object`);
    return b;
  }

  /** The most recently bound label that named this object, or "?" when none did. */
  labelOf(kind: ObjectKind, id: number): string {
    let best: [string, Binding] | undefined;
    for (const entry of this.bindings) {
      const b = entry[1];
      if (b.kind === kind && b.id === id && (!best || b.seq > best[1].seq)) best = entry;
    }
    return best ? best[0] : '?';
  }
}
