// Live tree updates: one inotify watch (fs.watch) per directory of the mount, following mkdir/rmdir/rename,
// with changes gathered for a short while and reported as the set of directories whose entries changed.
import { type FSWatcher, lstatSync, watch } from 'node:fs';

import { readdirNames } from './tree.js';

export class TreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly root: string,
    private readonly onChange: (dirs: string[]) => void,
    private readonly debounceMs = 30,
  ) {}

  start(): void {
    this.watchTree(this.root);
  }

  /** Directories watched, as absolute paths (for tests and diagnostics). */
  watched(): string[] {
    return [...this.watchers.keys()];
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private isDir(abs: string): boolean {
    try {
      return lstatSync(abs).isDirectory();
    } catch {
      return false;
    }
  }

  private watchTree(abs: string): void {
    if (this.stopped || this.watchers.has(abs)) return;
    let w: FSWatcher;
    try {
      w = watch(abs, { persistent: false }, (_event, name) => this.onEvent(abs, name));
    } catch {
      return;
    }
    w.on('error', () => this.unwatchTree(abs));
    this.watchers.set(abs, w);
    let names: string[] = [];
    try {
      names = readdirNames(abs);
    } catch {
      // Removed meanwhile; the parent's event will tidy up.
    }
    for (const name of names) if (this.isDir(`${abs}/${name}`)) this.watchTree(`${abs}/${name}`);
  }

  private unwatchTree(abs: string): void {
    for (const [path, w] of this.watchers) {
      if (path === abs || path.startsWith(`${abs}/`)) {
        w.close();
        this.watchers.delete(path);
      }
    }
  }

  private onEvent(dirAbs: string, name: string | Buffer | null): void {
    if (this.stopped) return;
    if (name !== null) {
      const child = `${dirAbs}/${name.toString()}`;
      const isDir = this.isDir(child);
      if (isDir && !this.watchers.has(child)) {
        // Entries may have appeared before the watch existed: report the new dirs as changed too.
        const before = new Set(this.watchers.keys());
        this.watchTree(child);
        for (const added of this.watchers.keys()) if (!before.has(added)) this.pending.add(this.rel(added));
      } else if (!isDir && this.watchers.has(child)) this.unwatchTree(child);
    }
    this.pending.add(this.rel(dirAbs));
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
