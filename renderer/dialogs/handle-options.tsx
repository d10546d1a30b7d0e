// <option>s for choosing one of the app's handles.
import type { HandleInfo } from '../../shared/engine.js';

export const handleLabel = (h: HandleInfo): string =>
  `#${h.handle} ${h.kind} ${h.type} ${h.name || '(no name)'} id ${h.id}`;

export function HandleOptions({ handles }: { handles: HandleInfo[] }) {
  return (
    <>
      {handles.map((h) => (
        <option key={h.handle} value={String(h.handle)}>
          {handleLabel(h)}
        </option>
      ))}
    </>
  );
}
