// Writes every generated scenario to conformance/scenarios/<file>.json: npx tsx conformance/gen/write.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { scenarioSchema } from '../scenario.js';
import { bloomScenarios } from './bloom.js';
import { createScenarios } from './create.js';
import { batchScenarios, elemScenarios, freezeScenarios, infoScenarios } from './elements.js';
import { fsScenarios } from './fs.js';
import { idScenarios } from './ids.js';
import type { Def } from './lib.js';
import { lruScenarios } from './lru.js';
import { mapTypeScenarios } from './maptypes.js';
import { getScenarios, lifeScenarios, nameScenarios, pinScenarios } from './objects.js';
import { orderScenarios } from './order-seed.js';
import { pathScenarios } from './paths.js';
import { nextIdScenarios, progMapScenarios } from './progmaps.js';
import { tokenScenarios } from './token.js';

export const ALL_SCENARIOS: Def[] = [
  ...fsScenarios,
  ...pinScenarios,
  ...getScenarios,
  ...nameScenarios,
  ...lifeScenarios,
  ...createScenarios,
  ...elemScenarios,
  ...batchScenarios,
  ...freezeScenarios,
  ...infoScenarios,
  ...pathScenarios,
  ...mapTypeScenarios,
  ...lruScenarios,
  ...orderScenarios,
  ...idScenarios,
  ...progMapScenarios,
  ...nextIdScenarios,
  ...bloomScenarios,
  ...tokenScenarios,
];

/** One operation per line: diffs of hand edits stay readable. */
export function scenarioJson(name: string, ops: Def[2]): string {
  return `{"name": ${JSON.stringify(name)}, "ops": [\n${ops.map((o) => `  ${JSON.stringify(o)}`).join(',\n')}\n]}\n`;
}

function main(): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');
  mkdirSync(dir, { recursive: true });
  const seen = new Set<string>();
  for (const [file, name, ops] of ALL_SCENARIOS) {
    if (seen.has(file)) throw new Error(`duplicate scenario file ${file}`);
    seen.add(file);
    scenarioSchema.parse({ name, ops });
    writeFileSync(join(dir, `${file}.json`), scenarioJson(name, ops));
  }
  console.log(`wrote ${ALL_SCENARIOS.length} scenarios to ${dir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
