// Wall-clock timing helpers: every figure is the best of a few runs, since the machine is shared.
import { performance } from 'node:perf_hooks';

export const REPEAT = 3;

/** Seconds taken by `fn`. */
export async function timeOnce(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Lets pending signals (SIGINT) and timers run: the engines' calls are synchronous underneath. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The shortest of `repeat` runs, in seconds; `run` gets the run index so it can use fresh paths. */
export async function bestOf(repeat: number, run: (i: number) => Promise<void> | void): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    await yieldToEventLoop();
    best = Math.min(best, await timeOnce(() => run(i)));
  }
  return best;
}

/** a / b rounded for display; null when either side is missing or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/** Progress goes to stderr so that stdout stays the table and the JSON line. */
export function progress(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}
