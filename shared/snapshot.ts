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

/** A pin (or folder, or symlink) that is in one snapshot only. */
export interface PinDiffEntry {
  path: string;
  kind: string;
  object?: ObjectKey & { name: string };
}

/** An object whose info fields differ between two snapshots (same kind and id), or a path whose object changed. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface MapEntriesDiff {
  /** The map's first pin in the newer snapshot (else the older), or "map ID" without one. */
  path: string;
  name: string;
  fromId: number;
  toId: number;
  added: number;
  removed: number;
  changed: number;
  keySize: number;
  valueSize: number;
  /** Up to ROW_LIMIT rows of each kind, as hex: key, old and new value. */
  rows: { change: 'added' | 'removed' | 'changed'; key: string; from?: string; to?: string }[];
  /** Entries were not compared: one side did not capture them (skipped, truncated, failed). */
  incomplete?: string;
}

export interface SnapshotDiff {
  from: string;
  to: string;
  pins: {
    added: PinDiffEntry[];
    removed: PinDiffEntry[];
    moved: { from: string; to: string; object: ObjectKey & { name: string } }[];
    /** Same path, another object behind it (a program replaced: its tag changed). */
    replaced: { path: string; from: ObjectKey & { tag?: string }; to: ObjectKey & { tag?: string } }[];
    /** Same path and object: mode, owner, group or symlink target changed. */
    changed: { path: string; fields: FieldChange[] }[];
  };
  /** Objects in both (same kind and id) whose info changed; run counters are left out, they move all the time. */
  objects: { kind: ObjectKind; id: number; name: string; fields: FieldChange[] }[];
  /** Maps pinned at the same path in both whose entries differ. */
  maps: MapEntriesDiff[];
}

/** Rows of each kind a map's diff lists (the counts are always whole). */
export const DIFF_ROW_LIMIT = 1000;
