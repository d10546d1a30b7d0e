// Which contract operations the app calls: every operation is called by the renderer except those the contract
// names test-only, so the list cannot go stale in either direction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { CAPTURE_OPS, OP_NAMES, TEST_ONLY_OPS } from '../shared/contract.js';

const renderer = fileURLToPath(new URL('../renderer', import.meta.url));

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-support' ? [] : productionSources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'test-setup.ts' ? [full] : [];
  });
}

function opsCalledByRenderer(): Set<string> {
  const called = new Set<string>();
  for (const file of productionSources(renderer)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bapi\s*\.\s*(\w+)\s*\(/g)) called.add(m[1]!);
  }
  return called;
}

describe('contract operations and their callers', () => {
  it('are each called by the renderer, except the test-only and capture ones, which it never calls', () => {
    const called = opsCalledByRenderer();
    expect(OP_NAMES.filter((op) => !called.has(op))).toEqual(
      OP_NAMES.filter((op) => TEST_ONLY_OPS.has(op) || CAPTURE_OPS.has(op)),
    );
  });
});
