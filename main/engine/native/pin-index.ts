// Which paths pin which object, kept current without walking the mount again: built once by a walk that yields to
// the event loop, then each directory the tree watcher (or the engine itself) reports as changed is read again.
import { joinPath, parentOf } from '../../../shared/bpf/paths.js';
import type { DirEntry, ObjectKind, ObjectRef } from '../../../shared/engine.js';

/** A directory's children: 'd' a folder, '' anything but an identified pin, else the object's "kind:id". */
type Children = Map<string, string>;
const DIR = 'd';
const NONE = '';

export const objectKey = (kind: ObjectKind, id: number): string => `${kind}:${id}`;

export interface PinIndexSource {
  /** The entries of a directory (engine path); throws when it cannot be read. */
  read(path: string): DirEntry[];
  /** Directories the watcher could not watch: read again on every query. */
  unwatched(): Iterable<string>;
}

/** How long the first walk runs before it lets the event loop in (ms). */
const SLICE_MS = 8;

export class PinIndex {
  private readonly dirs = new Map<string, Children>();
  private readonly pins = new Map<string, Set<string>>();
  private readonly refs = new Map<string, ObjectRef>();
  private readonly dirty = new Set<string>();
  private building: Promise<void> | undefined;
  private built = false;
  private stopped = false;

  constructor(private readonly source: PinIndexSource) {}

  /** A directory's entries changed (watcher event): read it again before the next answer. */
  markDirty(dir: string): void {
    if (this.building) this.dirty.add(dir);
  }

  /** The engine changed `path` itself: its folder, and everything under it if it is a folder, are read again. */
  touched(path: string): void {
    if (!this.building) return;
    this.dirty.add(parentOf(path));
    if (!this.dirs.has(path)) return;
    const prefix = `${path}/`;
    for (const dir of this.dirs.keys()) if (dir === path || dir.startsWith(prefix)) this.dirty.add(dir);
  }

  /** Builds the index on first use; later calls only read what changed since. */
  async ready(): Promise<void> {
    if (!this.built) {
      this.building ??= this.build();
      await this.building;
    }
    this.syncDirty();
  }

  /** Paths pinning the object, sorted; call ready() first. */
  pinsOf(kind: ObjectKind, id: number): string[] {
    return [...(this.pins.get(objectKey(kind, id)) ?? [])].sort();
  }

  /** The object's kind, id, type and name as its pins last said; undefined when it has no pin. */
  refOf(kind: ObjectKind, id: number): ObjectRef | undefined {
    return this.refs.get(objectKey(kind, id));
  }

  /** Every object pinned somewhere this process could open. */
  pinnedRefs(): ObjectRef[] {
    return [...this.refs.values()];
  }

  /** Every pinned object's paths, by "kind:id". */
  allPins(): Map<string, string[]> {
    return new Map([...this.pins].map(([key, paths]) => [key, [...paths].sort()]));
  }

  /** Folders indexed (for tests and diagnostics). */
  get dirCount(): number {
    return this.dirs.size;
  }

  stop(): void {
    this.stopped = true;
  }

  private async build(): Promise<void> {
    const stack = [''];
    let sliceStart = performance.now();
    while (stack.length > 0 && !this.stopped) {
      const dir = stack.pop() as string;
      stack.push(...this.apply(dir, this.readOrEmpty(dir)));
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    this.built = true;
  }

  private readOrEmpty(dir: string): DirEntry[] {
    try {
      return this.source.read(dir);
    } catch {
      return []; // gone, or not readable by this process: nothing to index there
    }
  }

  /** Reads dirty and unwatched folders (parents first) and walks folders that appeared. */
  private syncDirty(): void {
    for (const dir of this.source.unwatched()) this.dirty.add(dir);
    while (this.dirty.size > 0) {
      const batch = [...this.dirty].sort((a, b) => a.length - b.length);
      this.dirty.clear();
      for (const dir of batch) {
        if (!this.dirs.has(dir)) continue; // not reached yet: its parent's reading walks it
        this.walk(this.apply(dir, this.readOrEmpty(dir)));
      }
    }
  }

  private walk(newDirs: string[]): void {
    const stack = [...newDirs];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      stack.push(...this.apply(dir, this.readOrEmpty(dir)));
    }
  }

  /** Replaces a folder's children; returns the subfolders that are new. */
  private apply(dir: string, entries: DirEntry[]): string[] {
    const before = this.dirs.get(dir);
    const after: Children = new Map();
    for (const e of entries) {
      if (e.kind === 'dir') after.set(e.name, DIR);
      else if (e.object) {
        const key = objectKey(e.object.kind, e.object.id);
        after.set(e.name, key);
        this.refs.set(key, e.object);
      } else after.set(e.name, NONE);
    }
    this.dirs.set(dir, after);
    const added: string[] = [];
    if (before) {
      for (const [name, was] of before) {
        const now = after.get(name);
        if (now === was) continue;
        if (was === DIR) this.dropTree(joinPath(dir, name));
        else if (was !== NONE) this.removePin(was, joinPath(dir, name));
      }
    }
    for (const [name, now] of after) {
      if (before?.get(name) === now) continue;
      if (now === DIR) added.push(joinPath(dir, name));
      else if (now !== NONE) this.addPin(now, joinPath(dir, name));
    }
    return added;
  }

  private addPin(key: string, path: string): void {
    const set = this.pins.get(key);
    if (set) set.add(path);
    else this.pins.set(key, new Set([path]));
  }

  private removePin(key: string, path: string): void {
    const set = this.pins.get(key);
    if (!set) return;
    set.delete(path);
    if (set.size === 0) {
      this.pins.delete(key);
      this.refs.delete(key);
    }
  }

  private dropTree(path: string): void {
    const prefix = `${path}/`;
    for (const [dir, children] of this.dirs) {
      if (dir !== path && !dir.startsWith(prefix)) continue;
      for (const [name, key] of children) if (key !== DIR && key !== NONE) this.removePin(key, joinPath(dir, name));
      this.dirs.delete(dir);
    }
  }
}
