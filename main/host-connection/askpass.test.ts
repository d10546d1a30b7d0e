// sudo's askpass for the dialog's password, run for real by sh as sudo would: the password comes out once, the
// second prompt (after a wrong password) gets nothing, and nothing of it is left on disk or in the program.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { startAskpass } from './askpass.js';

const run = promisify(execFile);
const PASSWORD = 'pa ss\'w"ord $HOME `id`';

describe('askpass', () => {
  it('hands the password to the first prompt only, and keeps it nowhere', async () => {
    const askpass = startAskpass(PASSWORD);
    try {
      const dir = dirname(askpass.program);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(readFileSync(askpass.program, 'utf8')).not.toContain(PASSWORD.slice(0, 5));
      // sudo runs the program with the prompt as its argument and reads one line from its stdout.
      const first = await run(askpass.program, ['[sudo] password for alice: ']);
      expect(first.stdout).toBe(`${PASSWORD}\n`);
      expect(askpass.delivered).toBe(true);
      await expect(run(askpass.program, ['[sudo] password for alice: '])).rejects.toMatchObject({
        code: 1,
        stdout: '',
      });
      expect(readdirSync(dir)).toEqual(['askpass']);
    } finally {
      askpass.dispose();
    }
    expect(existsSync(askpass.program)).toBe(false);
  });

  it('offers nothing after dispose: a late prompt gets no password', async () => {
    const askpass = startAskpass(PASSWORD);
    const program = askpass.program;
    askpass.dispose();
    expect(askpass.delivered).toBe(false);
    await expect(run('/bin/sh', [program])).rejects.toMatchObject({ stdout: '' });
  });
});
