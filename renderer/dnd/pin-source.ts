// What can be pinned somewhere: a live object (by kind and id) or one of bpfscope's handles.
import type { ObjectKind } from '../../shared/engine.js';

export type PinSource =
  | { type: 'object'; kind: ObjectKind; id: number; name: string }
  | { type: 'handle'; handle: number; kind: ObjectKind; id: number; name: string };

/** What a drag carries: a pin source, or a tree node to move or link. */
export type DragPayload = PinSource | { type: 'node'; path: string };

export function describeSource(s: PinSource): string {
  const what = `${s.kind} ${s.name ? `"${s.name}" ` : ''}(id ${s.id})`;
  return s.type === 'handle' ? `handle ${s.handle}: ${what}` : what;
}
