// `npm test`: every check in one command — typecheck, format (Biome), lint, unit/component/native/conformance tests,
// the conformance CLI, and the browser e2e. Ends with one line "N passed, N failed" counting every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'bpfscope-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = [];

function run(name, cmd, args, reportFile) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (reportFile && existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  if (r.status !== 0) {
    failedSteps.push(name);
    if (!reportFile) failed += 1;
  } else if (!reportFile) {
    passed += 1;
  }
}

const vitestArgs = (file, extra = []) => [
  'vitest',
  'run',
  ...extra,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${file}`,
];

run('typecheck', 'npx', ['tsc', '-p', '.']);
run('format', 'npx', ['biome', 'check', '.']);
run('lint', 'npx', ['eslint', '.']);
run(
  'unit, component, native and conformance tests',
  'npx',
  vitestArgs(join(reports, 'unit.json')),
  join(reports, 'unit.json'),
);
run('conformance CLI', 'npm', ['run', '--silent', 'conformance']);
run('build', 'node', ['scripts/build.mjs']);
run(
  'e2e in Chromium',
  'npx',
  vitestArgs(join(reports, 'e2e.json'), ['--config', 'e2e/vitest.config.ts']),
  join(reports, 'e2e.json'),
);

console.log(failedSteps.length ? `\nfailed steps: ${failedSteps.join(', ')}` : '\nall steps passed');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length ? 1 : 0);
