// Keyboard equivalents of dragging tree nodes: Ctrl+X (cut), Ctrl+C (copy as a second pin), Ctrl+V (paste
// into the focused folder, or the folder of the focused node).
import { parentOf } from '../../shared/bpf/paths.js';
import type { DirEntry } from '../../shared/engine.js';

import type { AppState } from '../store/types.js';

/** Handles the key if it is a clipboard key; returns whether it did. */
export function clipboardKey(
  e: { key: string; ctrlKey: boolean; metaKey: boolean },
  entry: DirEntry | null,
  s: AppState,
): boolean {
  if (!(e.ctrlKey || e.metaKey)) return false;
  const key = e.key.toLowerCase();
  if (key === 'x' && entry) {
    s.setClip({ mode: 'move', path: entry.path });
    s.notifyInfo(`Cut "${entry.path}": press Ctrl+V on a folder to move it there.`);
    return true;
  }
  if (key === 'c' && entry && entry.kind !== 'dir' && entry.kind !== 'symlink') {
    s.setClip({ mode: 'link', path: entry.path });
    s.notifyInfo(`Copied "${entry.path}": press Ctrl+V on a folder to add a second pin there.`);
    return true;
  }
  if (key === 'v' && s.clip) {
    void s.paste(entry === null ? '' : entry.kind === 'dir' ? entry.path : parentOf(entry.path));
    return true;
  }
  return false;
}
