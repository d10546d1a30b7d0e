// npm run conformance -- [--emulated-only] [DIR...]: every scenario on a fresh emulated and a fresh
// native engine; one line per scenario, the first mismatch of each, then "N passed, N failed".

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type EngineFactory, nativeUnavailable, openEmulated, openNative } from './engines.js';
import { describeMismatch, loadScenarioDirs, runDifferential } from './runner.js';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

export async function main(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  const emulatedOnly = argv.includes('--emulated-only');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--emulated-only');
  if (unknown.length) {
    print(`unknown option ${unknown.join(' ')}; usage: npm run conformance -- [--emulated-only] [DIR...]`);
    return 2;
  }
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const why = nativeUnavailable();
  if (why && !emulatedOnly) {
    print(`cannot run the native engine: ${why}; pass --emulated-only to compare two emulated runs instead`);
    return 1;
  }
  // Emulated-only: two fresh emulators must agree (determinism) and neither may crash.
  const openB: EngineFactory = emulatedOnly ? openEmulated : openNative;
  const nameB = emulatedOnly ? 'emulated (2nd run)' : 'native';

  let passed = 0;
  let failed = 0;
  for (const loaded of loadScenarioDirs(dirs.length ? dirs : [DEFAULT_DIR])) {
    if ('error' in loaded) {
      failed++;
      print(`ERROR ${loaded.error}`);
      continue;
    }
    const label = `${loaded.scenario.name} (${loaded.file})`;
    try {
      const result = await runDifferential(loaded.scenario, openEmulated, openB);
      if (result.mismatch) {
        failed++;
        print(`FAIL  ${label}\n${describeMismatch(result.mismatch, 'emulated', nameB)}`);
      } else {
        passed++;
        print(`ok    ${label}`);
      }
    } catch (e) {
      failed++;
      print(`ERROR ${label}: could not run: ${(e as Error).message}`);
    }
  }
  print(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
