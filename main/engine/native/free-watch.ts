// Notices when an object's id goes away after bpfscope dropped a reference (close, unlink, replacing rename).
// A pin's reference is dropped when its inode is freed, after an RCU grace period, so it looks a few times.
import type { ObjectKind } from '../../../shared/engine.js';

const CHECK_DELAYS_MS = [0, 10, 50, 200, 1000];

/** alive: true / false, or undefined when it cannot tell (e.g. no CAP_SYS_ADMIN for ids). */
export type AliveProbe = (kind: ObjectKind, id: number) => boolean | undefined;

export class FreeWatch {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watching = new Set<string>();

  constructor(
    private readonly probe: AliveProbe,
    private readonly onFreed: (kind: ObjectKind, id: number) => void,
  ) {}

  watch(kind: ObjectKind, id: number): void {
    const key = `${kind}:${id}`;
    if (this.watching.has(key)) return;
    this.watching.add(key);
    const check = (attempt: number): void => {
      const delay = CHECK_DELAYS_MS[attempt];
      if (delay === undefined) {
        this.watching.delete(key);
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const alive = this.probe(kind, id);
        if (alive === true) return check(attempt + 1);
        this.watching.delete(key);
        if (alive === false) this.onFreed(kind, id);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    };
    check(0);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.watching.clear();
  }
}
