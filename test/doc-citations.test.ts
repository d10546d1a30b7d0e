// Every document the code cites is in the repo: docs/*.md paths exist, their cited §N sections exist, and nothing
// points to a folder beside the checkout.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sources = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.md', '*.c', '.ci/*'], {
  cwd: repo,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f !== '' && existsSync(join(repo, f)));

function citations(): { file: string; doc: string; section: string | undefined }[] {
  return sources.flatMap((file) =>
    [...readFileSync(join(repo, file), 'utf8').matchAll(/\bdocs\/([\w-]+\.md)(?: §(\d+))?/g)].map((m) => ({
      file,
      doc: m[1]!,
      section: m[2],
    })),
  );
}

describe('documents the code cites', () => {
  it('exist in docs/, with the numbered sections cited', () => {
    const found = citations();
    expect(found.length).toBeGreaterThan(10);
    const missing = found.filter(({ doc, section }) => {
      const path = join(repo, 'docs', doc);
      if (!existsSync(path)) return true;
      return section !== undefined && !new RegExp(`^## ${section}\\. `, 'm').test(readFileSync(path, 'utf8'));
    });
    expect(missing).toEqual([]);
  });

  it('never lie outside the repo', () => {
    const outside = sources.filter((f) =>
      /\.\.\/shared\/(?:tools|docs)\/|\/work\//.test(readFileSync(join(repo, f), 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});
