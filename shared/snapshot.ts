// Snapshots: what a capture reports while it runs, what it may include, and the diff of two snapshots.
import type { ObjectKind } from './engine.js';

/** The file name extension of a snapshot. */
export const SNAPSHOT_EXTENSION = '.bpfsnap';

export interface CaptureOptions {
  /** Which maps' entries to read: every map, none, or those whose pin path or name matches the glob. */
  maps: 'all' | 'none' | { glob: string };
  /** Read at most this many entries of each map (the rest is marked truncated). */
  maxEntries?: number;
}

export interface CaptureProgress {
  phase: 'tree' | 'objects' | 'entries' | 'writing' | 'done';
  /** Units of the phase done so far and in all: folders walked, objects read, maps read. */
  done: number;
  total: number;
  /** What is being read now. */
  item?: string;
}

/** '*' matches within one path component, '**' across them, '?' one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The maps option as the CLI spells it: all, none, or a glob. */
export function parseMapsOption(text: string): CaptureOptions['maps'] {
  return text === 'all' || text === 'none' ? text : { glob: text };
}

export interface ObjectKey {
  kind: ObjectKind;
  id: number;
}
