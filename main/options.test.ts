// Where the access token comes from: a file or the environment keep it out of /proc/PID/cmdline; --token still
// works but says that it does not.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseOptions, resolveToken, UsageError } from './options.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bpfscope-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tokenFile(text: string, mode = 0o600): string {
  const path = join(dir, 'token');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('access token', () => {
  it('reads --token-file, trimming the newline an editor adds', () => {
    const opts = parseOptions(['--token-file', tokenFile('secret-token-1\n')]);
    expect(resolveToken(opts, {})).toEqual({ token: 'secret-token-1', warnings: [] });
  });

  it('warns when other users can read the token file', () => {
    const r = resolveToken(parseOptions([`--token-file=${tokenFile('secret-token-1', 0o644)}`]), {});
    expect(r.token).toBe('secret-token-1');
    expect(r.warnings).toEqual([expect.stringMatching(/can be read by other users \(mode 644\); chmod 600 it/)]);
  });

  it('takes BPFSCOPE_TOKEN when no option names one', () => {
    expect(resolveToken(parseOptions([]), { BPFSCOPE_TOKEN: 'from-env-123' })).toEqual({
      token: 'from-env-123',
      warnings: [],
    });
    expect(resolveToken(parseOptions([]), {})).toEqual({ token: undefined, warnings: [] });
  });

  it('keeps --token working, with a warning that every local user can read it', () => {
    const r = resolveToken(parseOptions(['--token', 'visible-token']), { BPFSCOPE_TOKEN: 'from-env-123' });
    expect(r.token).toBe('visible-token');
    expect(r.warnings).toEqual([expect.stringMatching(/visible to every local user in \/proc\/PID\/cmdline/)]);
  });

  it.each([
    ['both options', () => parseOptions(['--token', 'abcdefgh', '--token-file', tokenFile('abcdefgh')]), /either/],
    ['a missing file', () => resolveToken(parseOptions(['--token-file', join(dir, 'none')]), {}), /ENOENT/],
    ['an empty file', () => resolveToken(parseOptions(['--token-file', tokenFile('\n')]), {}), /at least 8/],
    ['a short variable', () => resolveToken(parseOptions([]), { BPFSCOPE_TOKEN: 'short' }), /BPFSCOPE_TOKEN must/],
  ])('refuses %s with a usage error saying why', (_name, run, message) => {
    expect(run).toThrow(UsageError);
    expect(run).toThrow(message);
  });
});
