// Live tree updates: one inotify watch (fs.watch) per directory of the mount, following mkdir/rmdir/rename,
// with changes gathered for a short while and reported as the set of directories whose entries changed.
// Directories are opened by fd through real directories only and watched through that fd's /proc link,
// so a folder swapped for a symlink is never followed out of the mount.
import { closeSync, type FSWatcher, readdirSync, watch } from 'node:fs';

import { joinPath } from '../../../shared/bpf/paths.js';

import { procFd } from './tree.js';

/** Opens a directory of the mount by its engine path, through real directories only (the caller closes it). */
export interface DirOpener {
  readonly root: string;
  openRealDir(path: string): number;
}

export class TreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  /** Directories fs.watch refused (no read permission, inotify limit): changes there go unreported. */
  private readonly unwatchable = new Set<string>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly root: string;

  constructor(
    private readonly dirs: DirOpener,
    private readonly onChange: (dirs: string[]) => void,
    private readonly debounceMs = 30,
    /** Called at once for each event (before the debounce), with the directory as an engine path. */
    private readonly onDirty: (dir: string) => void = () => {},
  ) {
    this.root = dirs.root;
  }

  start(): void {
    this.watchTree('');
  }

  /** Directories watched, as absolute paths (for tests and diagnostics). */
  watched(): string[] {
    return [...this.watchers.keys()];
  }

  /** Directories that could not be watched, as engine paths. */
  unwatched(): string[] {
    return [...this.unwatchable].map((abs) => this.rel(abs));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private abs(rel: string): string {
    return rel === '' ? this.root : `${this.root}/${rel}`;
  }

  /** An fd of the real directory at `rel`, or undefined when it is gone or not a directory. */
  private openDir(rel: string): number | undefined {
    try {
      return this.dirs.openRealDir(rel);
    } catch {
      return undefined;
    }
  }

  private watchTree(rel: string): void {
    const abs = this.abs(rel);
    if (this.stopped || this.watchers.has(abs)) return;
    const fd = this.openDir(rel);
    if (fd === undefined) return;
    let names: string[] = [];
    try {
      let w: FSWatcher;
      try {
        w = watch(procFd(fd), { persistent: false }, (_event, name) => this.onEvent(rel, name));
      } catch {
        this.unwatchable.add(abs);
        return;
      }
      w.on('error', () => this.unwatchTree(abs));
      this.watchers.set(abs, w);
      this.unwatchable.delete(abs);
      try {
        // Only folders are watched: d_type spares a lookup of every pin (watchTree checks each folder again).
        names = readdirSync(procFd(fd), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name);
      } catch {
        // Removed meanwhile; the parent's event will tidy up.
      }
    } finally {
      closeSync(fd);
    }
    for (const name of names) this.watchTree(joinPath(rel, name));
  }

  private unwatchTree(abs: string): void {
    for (const path of this.unwatchable) if (path === abs || path.startsWith(`${abs}/`)) this.unwatchable.delete(path);
    for (const [path, w] of this.watchers) {
      if (path === abs || path.startsWith(`${abs}/`)) {
        w.close();
        this.watchers.delete(path);
      }
    }
  }

  private isDir(rel: string): boolean {
    const fd = this.openDir(rel);
    if (fd === undefined) return false;
    closeSync(fd);
    return true;
  }

  private onEvent(dirRel: string, name: string | Buffer | null): void {
    if (this.stopped) return;
    if (name !== null) {
      const childRel = joinPath(dirRel, name.toString());
      const child = this.abs(childRel);
      const isDir = this.isDir(childRel);
      if (isDir && !this.watchers.has(child)) {
        // Entries may have appeared before the watch existed: report the new dirs as changed too.
        const before = new Set(this.watchers.keys());
        this.watchTree(childRel);
        for (const added of this.watchers.keys()) {
          if (before.has(added)) continue;
          this.pending.add(this.rel(added));
          this.onDirty(this.rel(added));
        }
      } else if (!isDir && (this.watchers.has(child) || this.unwatchable.has(child))) this.unwatchTree(child);
    }
    this.pending.add(dirRel);
    this.onDirty(dirRel);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.debounceMs);
      this.timer.unref();
    }
  }

  private rel(abs: string): string {
    return abs === this.root ? '' : abs.slice(this.root.length + 1);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.stopped || this.pending.size === 0) return;
    const dirs = [...this.pending].sort();
    this.pending.clear();
    this.onChange(dirs);
  }
}
