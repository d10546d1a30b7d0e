// What the user reads when pkexec or sudo did not start a root agent, from what they really print.
import { describe, expect, it } from 'vitest';

import { elevationFailure } from './elevation-failure.js';

const current = 'uid 1000, no CAP_BPF';

describe('why elevation failed', () => {
  it.each([
    [
      'pkexec dismissed',
      'pkexec',
      'the agent exited with code 126: Error executing command as another user: Request dismissed',
      [],
      'ECANCELED',
      'Authentication was cancelled',
    ],
    [
      'pkexec without a polkit agent',
      'pkexec',
      'the agent exited with code 127: This incident has been reported.',
      [
        "Error creating textual authentication agent: Error opening current controlling terminal for the process (`/dev/tty'): No such device or address",
        'This incident has been reported.',
      ],
      'EACCES',
      'No polkit authentication agent is running',
    ],
    [
      'pkexec not authorized',
      'pkexec',
      'the agent exited with code 127: This incident has been reported.',
      ['Error executing command as another user: Not authorized', 'This incident has been reported.'],
      'EACCES',
      'polkit did not authorize io.bpfscope.agent',
    ],
    [
      'a wrong sudo password',
      'sudo',
      'the agent exited with code 1: sudo: 1 incorrect password attempt',
      ['Sorry, try again.', 'sudo: no password was provided', 'sudo: 1 incorrect password attempt'],
      'EACCES',
      'sudo did not accept the password',
    ],
    [
      'no sudo rule',
      'sudo',
      'the agent exited with code 1: Sorry, user alice is not allowed to execute ... as root on host.',
      ['Sorry, user alice is not allowed to execute ... as root on host.'],
      'EPERM',
      'sudo does not allow this user',
    ],
    [
      'no pkexec binary',
      'pkexec',
      'the agent could not be started: spawn pkexec ENOENT',
      [],
      'ENOENT',
      'pkexec could not be run (spawn pkexec ENOENT)',
    ],
  ] as const)('%s', (_name, method, reason, stderr, code, message) => {
    const e = elevationFailure({ method, reason, stderr, current });
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    // Every refusal says the app goes on, and as whom.
    expect(e.message).toContain(`bpfscope goes on as ${current}.`);
  });

  it('passes on what an unknown failure said', () => {
    const e = elevationFailure({ method: 'sudo', reason: 'the agent exited: SIGSEGV', stderr: ['boom'], current });
    expect(e).toMatchObject({ code: 'EIO' });
    expect(e.message).toContain('sudo did not start the agent: the agent exited: SIGSEGV (boom)');
  });
});
