// The drag payload on the HTML5 DataTransfer. Browsers hide the data during dragover (only the types show),
// so the payload of a drag started in this window is also kept here until it ends.
import type { DragPayload } from './pin-source.js';

export const DRAG_MIME = 'application/x-bpfscope';

let current: DragPayload | null = null;

export function startDrag(dt: DataTransfer | null, payload: DragPayload): void {
  current = payload;
  if (!dt) return;
  dt.setData(DRAG_MIME, JSON.stringify(payload));
  dt.setData('text/plain', payload.type === 'node' ? payload.path : `${payload.kind} ${payload.id}`);
  dt.effectAllowed = 'all';
}

export function endDrag(): void {
  current = null;
}

/** Whether the drag is one of ours (not, say, a file from the desktop). */
export function isOurDrag(dt: DataTransfer | null): boolean {
  return current !== null || [...(dt?.types ?? [])].includes(DRAG_MIME);
}

export function dropPayload(dt: DataTransfer | null): DragPayload | null {
  const text = dt?.getData(DRAG_MIME);
  if (text) {
    try {
      return JSON.parse(text) as DragPayload;
    } catch {
      return current;
    }
  }
  return current;
}

/** Ctrl or Alt while dropping a tree node adds a second pin instead of moving. */
export const LINK_MODIFIER_HINT = 'Drag to move; hold Ctrl or Alt while dropping to add a second pin.';
export const wantsLink = (e: { ctrlKey: boolean; altKey: boolean }): boolean => e.ctrlKey || e.altKey;
