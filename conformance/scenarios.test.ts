// Every scenario file of conformance/scenarios/ on a fresh emulated and a fresh native engine.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { nativeUnavailable, openEmulated, openNative } from './engines.js';
import { describeMismatch, loadScenarioDirs, runDifferential } from './runner.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');
const loaded = loadScenarioDirs([DIR]);
const why = nativeUnavailable();
if (why) console.log(`scenario differential run skipped: ${why}`);

describe('scenario files', () => {
  it('are all readable and valid, and there are at least 150', () => {
    const errors = loaded.flatMap((l) => ('error' in l ? [l.error] : []));
    expect(errors).toEqual([]);
    expect(loaded.length).toBeGreaterThanOrEqual(150);
  });
});

describe.skipIf(why !== undefined)('scenarios: emulated vs native', () => {
  for (const l of loaded) {
    if ('error' in l) continue;
    it(`${l.file.slice(DIR.length + 1)}: ${l.scenario.name}`, async () => {
      const result = await runDifferential(l.scenario, openEmulated, openNative);
      if (result.mismatch) expect.fail(`first mismatch\n${describeMismatch(result.mismatch)}`);
    });
  }
});
