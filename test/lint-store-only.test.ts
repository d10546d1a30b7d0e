// The lint rule that keeps the API client inside the store: a component importing the client, its type or a
// transport is refused, and the same code inside renderer/store is not. Linted with the repo's own config.
import { readFileSync } from 'node:fs';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const fixture = readFileSync(new URL('./fixtures/store-only-component.tsx.txt', import.meta.url), 'utf8');
const STORE_ONLY = /only the store calls the API client/;

async function storeOnlyLines(filePath: string): Promise<number[]> {
  // Only the layering rule runs, so the fixture needs no place in the TypeScript project.
  const eslint = new ESLint({
    cwd: new URL('..', import.meta.url).pathname,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const [result] = await eslint.lintText(fixture, { filePath });
  const messages = result?.messages ?? [];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => STORE_ONLY.test(m.message)).map((m) => m.line);
}

const refusedLines = fixture.split('\n').flatMap((line, i) => (/\/\/ refused/.test(line) ? [i + 1] : []));

describe('the store-only lint rule', () => {
  it('refuses every way a component could reach the API client', async () => {
    expect(refusedLines).toHaveLength(4);
    expect(await storeOnlyLines('renderer/panes/Fixture.tsx')).toEqual(refusedLines);
  });

  it('lets the store itself hold the client', async () => {
    expect(await storeOnlyLines('renderer/store/fixture.tsx')).toEqual([]);
  });
});
