// The differential runner: load scenario files, run each on two fresh engines, compare outcome by outcome.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { EngineFactory } from './engines.js';
import { formatOutcome, type Outcome, sameOutcome } from './outcome.js';
import { runScenario } from './run.js';
import { parseScenario, type Scenario, type ScenarioOp } from './scenario.js';

export type { Outcome, Scenario, ScenarioOp };
export { parseScenario, runScenario };

export type LoadedScenario = { file: string; scenario: Scenario } | { file: string; error: string };

/** Every *.json file of the folders (not recursive), sorted by name; unreadable ones carry their error. */
export function loadScenarioDirs(dirs: readonly string[]): LoadedScenario[] {
  const out: LoadedScenario[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort();
    } catch (e) {
      out.push({ file: resolve(dir), error: `${dir}: cannot read the folder: ${(e as Error).message}` });
      continue;
    }
    for (const name of names) out.push(loadScenarioFile(join(dir, name)));
  }
  return out;
}

export function loadScenarioFile(file: string): LoadedScenario {
  try {
    return { file, scenario: parseScenario(readFileSync(file, 'utf8'), file) };
  } catch (e) {
    return { file, error: (e as Error).message };
  }
}

export interface Mismatch {
  index: number;
  op: ScenarioOp;
  a: Outcome;
  b: Outcome;
}

/** The first operation whose outcomes differ, or undefined when all agree. */
export function firstMismatch(scenario: Scenario, a: Outcome[], b: Outcome[]): Mismatch | undefined {
  for (let i = 0; i < scenario.ops.length; i++) {
    const x = a[i] ?? { crash: 'no outcome' };
    const y = b[i] ?? { crash: 'no outcome' };
    if (!sameOutcome(x, y)) return { index: i, op: scenario.ops[i]!, a: x, b: y };
  }
  return undefined;
}

export interface DifferentialResult {
  outcomes: { a: Outcome[]; b: Outcome[] };
  mismatch?: Mismatch;
}

/** Runs the scenario on a fresh engine from each factory (one after the other) and compares. */
export async function runDifferential(
  scenario: Scenario,
  openA: EngineFactory,
  openB: EngineFactory,
): Promise<DifferentialResult> {
  const a = await runOnFresh(scenario, openA);
  const b = await runOnFresh(scenario, openB);
  const mismatch = firstMismatch(scenario, a, b);
  return mismatch ? { outcomes: { a, b }, mismatch } : { outcomes: { a, b } };
}

export async function runOnFresh(scenario: Scenario, open: EngineFactory): Promise<Outcome[]> {
  const engine = await open();
  try {
    return await runScenario(engine.store, scenario, {
      ...(engine.settleDelaysMs ? { settleDelaysMs: engine.settleDelaysMs } : {}),
      ...(engine.runAsUser ? { runAsUser: engine.runAsUser } : {}),
    });
  } finally {
    await engine.close();
  }
}

/** Both outcomes of a mismatch, for people: which operation, then what each engine did. */
export function describeMismatch(m: Mismatch, nameA = 'emulated', nameB = 'native'): string {
  return [
    `  op #${m.index + 1}: ${JSON.stringify(m.op)}`,
    `    ${nameA}: ${formatOutcome(m.a)}`,
    `    ${nameB}: ${formatOutcome(m.b)}`,
  ].join('\n');
}
