// Randomized differential run: random sequences of 20-30 operations over a tiny name space, each on a
// fresh emulated engine and a fresh native engine (private bpffs), compared operation by operation.
// BPFSCOPE_RANDOM_SEED and BPFSCOPE_RANDOM_RUNS pick another seed or more (or fewer) sequences.
import fc from 'fast-check';

import { nativeUnavailable, openEmulated, openNative } from './engines.js';
import { scenarioJson } from './gen/write.js';
import { randomOps } from './random-ops.js';
import { describeMismatch, firstMismatch, runOnFresh } from './runner.js';
import type { Scenario } from './scenario.js';

const SEED = envInt('BPFSCOPE_RANDOM_SEED', 20240611);
const RUNS = envInt('BPFSCOPE_RANDOM_RUNS', 1000);

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a whole number >= 0, not "${raw}"`);
  return n;
}
const why = nativeUnavailable();
if (why) console.log(`random differential run skipped: ${why}`);

describe.skipIf(why !== undefined)('random operation sequences: emulated vs native', () => {
  it(`agree on ${RUNS} random sequences (seed ${SEED})`, async () => {
    const property = fc.asyncProperty(randomOps(20, 30), async (ops) => {
      const scenario: Scenario = { name: 'random sequence', ops };
      const a = await runOnFresh(scenario, openEmulated);
      const b = await runOnFresh(scenario, openNative);
      const mismatch = firstMismatch(scenario, a, b);
      if (mismatch) throw new Error(describeMismatch(mismatch));
    });
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: false });
    if (details.failed) {
      const ops = details.counterexample?.[0] ?? [];
      const message = [
        `emulated and native disagree (seed ${details.seed}, path ${details.counterexamplePath ?? '?'})`,
        String((details.errorInstance as Error | undefined)?.message ?? ''),
        'shrunk sequence as a scenario file:',
        scenarioJson(`random seed ${details.seed}`, ops),
      ].join('\n');
      console.log(message);
      throw new Error(message);
    }
    expect(details.numRuns).toBe(RUNS);
  }, 3_600_000);
});
