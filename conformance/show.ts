// Prints one engine's outcome for every operation of the given scenario files, to check what a
// scenario really exercises: npx tsx conformance/show.ts [--emulated] FILE...
import { fileURLToPath } from 'node:url';

import { openEmulated, openNative } from './engines.js';
import { formatOutcome } from './outcome.js';
import { loadScenarioFile, runOnFresh } from './runner.js';

async function main(argv: string[]): Promise<number> {
  const open = argv.includes('--emulated') ? openEmulated : openNative;
  let bad = 0;
  for (const file of argv.filter((a) => !a.startsWith('--'))) {
    const loaded = loadScenarioFile(file);
    if ('error' in loaded) {
      console.log(`ERROR ${loaded.error}`);
      bad++;
      continue;
    }
    console.log(`# ${loaded.scenario.name} (${file})`);
    const outcomes = await runOnFresh(loaded.scenario, open);
    loaded.scenario.ops.forEach((op, i) =>
      console.log(`  ${JSON.stringify(op).slice(0, 110)}\n    -> ${formatOutcome(outcomes[i]!).slice(0, 300)}`),
    );
  }
  return bad ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (c) => process.exit(c),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
