// Why pkexec or sudo did not start a root agent, from what they wrote to stderr and how they exited, in words the
// dialog can show: cancelled, wrong password, not allowed, no polkit agent to ask.
import type { ElevationMethod } from '../../shared/elevation.js';
import { BpfError } from '../../shared/errors.js';

export interface FailedAttempt {
  method: ElevationMethod;
  /** The connection's reason: "the agent exited with code 127: ...", "the agent could not be started: ...". */
  reason: string;
  /** Every stderr line pkexec or sudo wrote (the last one alone is often "This incident has been reported."). */
  stderr: readonly string[];
  /** Who the engine goes on running as, e.g. "uid 1000, no CAP_BPF". */
  current: string;
}

const has = (lines: readonly string[], re: RegExp): boolean => lines.some((l) => re.test(l));

export function elevationFailure({ method, reason, stderr, current }: FailedAttempt): BpfError {
  const stays = `bpfscope goes on as ${current}.`;
  const all = [...stderr, reason];
  if (/could not be started/.test(reason))
    return new BpfError('ENOENT', `${method} could not be run (${reason.replace(/^.*started: /, '')}). ${stays}`);
  if (method === 'pkexec') {
    if (/code 126\b/.test(reason) || has(all, /dismissed|cancel/i))
      return new BpfError('ECANCELED', `Authentication was cancelled. ${stays}`, {
        hint: 'Press Authenticate… again to retry.',
      });
    if (has(all, /authentication agent/i))
      return new BpfError('EACCES', `No polkit authentication agent is running in this session to ask. ${stays}`, {
        hint: 'Use sudo with your password instead, or start bpfscope from a desktop session.',
      });
    if (has(all, /not authorized/i))
      return new BpfError('EACCES', `polkit did not authorize io.bpfscope.agent for this user. ${stays}`, {
        hint: 'Ask an administrator, or use sudo if you may.',
      });
  } else {
    if (has(all, /incorrect password|try again/i))
      return new BpfError('EACCES', `sudo did not accept the password. ${stays}`, {
        hint: 'Check the password (it is your own, not root’s) and try again.',
      });
    if (has(all, /not allowed to execute|not in the sudoers|may not run sudo/i))
      return new BpfError('EPERM', `sudo does not allow this user to run the bpfscope agent. ${stays}`, {
        hint: 'Ask an administrator for a sudoers rule for /usr/lib/bpfscope/bpfscope-agent, or use pkexec.',
      });
    if (has(all, /no password was provided/i))
      return new BpfError('ECANCELED', `sudo asked for a password and got none. ${stays}`);
  }
  const said = stderr
    .filter((l) => l.trim() !== '')
    .slice(-2)
    .join(' ');
  return new BpfError(
    'EIO',
    `${method} did not start the agent: ${reason}${said && !reason.includes(said) ? ` (${said})` : ''}. ${stays}`,
  );
}
