// What the installed agent (run as root by pkexec or sudo with the user's arguments) accepts: --stdio, --engine
// and --bpffs naming a bpffs mount point in the mount table, and nothing else.
import { describe, expect, it } from 'vitest';

import { checkInstalledAgentArgs } from './installed-args.js';

const MOUNTINFO = [
  '22 1 0:21 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:7 - bpf bpf rw,mode=700',
  '40 1 0:35 / /tmp/pins rw,relatime - bpf bpf rw',
  '41 1 0:36 / /tmp/over rw,relatime - bpf bpf rw',
  '42 41 0:37 / /tmp/over rw,relatime - tmpfs tmpfs rw',
  '43 1 0:38 / /home rw,relatime - ext4 /dev/vda1 rw',
].join('\n');

describe('the installed agent’s arguments', () => {
  it('accepts --stdio with a bpffs mount point, and --engine emulated', () => {
    expect(checkInstalledAgentArgs(['--stdio', '--engine', 'native', '--bpffs', '/tmp/pins'], MOUNTINFO)).toEqual({
      engine: 'native',
      bpffs: '/tmp/pins',
    });
    expect(checkInstalledAgentArgs(['--stdio'], MOUNTINFO)).toEqual({ engine: 'native', bpffs: '/sys/fs/bpf' });
    expect(checkInstalledAgentArgs(['--stdio', '--engine', 'emulated'], MOUNTINFO).engine).toBe('emulated');
  });

  it.each([
    [['--engine', 'native', '--bpffs', '/tmp/pins'], 'needs --stdio'],
    [['--stdio', '--empty'], 'refuses the argument "--empty"'],
    [['--stdio', '--bpffs=/tmp/pins'], 'refuses the argument "--bpffs=/tmp/pins"'],
    [['--stdio', '--engine', 'kernel'], '--engine must be native or emulated, not kernel'],
    [['--stdio', '--bpffs', 'tmp/pins'], 'clean absolute path'],
    [['--stdio', '--bpffs', '/tmp/pins/../pins'], 'clean absolute path'],
    [['--stdio', '--bpffs', '/tmp//pins'], 'clean absolute path'],
    [['--stdio', '--bpffs', '/tmp/pins/'], 'clean absolute path'],
    [['--stdio', '--bpffs', '/tmp/a b'], 'clean absolute path'],
    [['--stdio', '--bpffs', '/home'], '/home is not a bpffs mount point'],
    [['--stdio', '--bpffs', '/tmp/pins/inside'], 'is not a bpffs mount point'],
    // A bpffs with something else mounted over it is not what the path opens.
    [['--stdio', '--bpffs', '/tmp/over'], '/tmp/over is not a bpffs mount point'],
    [['--stdio', '--bpffs'], 'clean absolute path'],
  ])('refuses %j', (argv, message) => {
    expect(() => checkInstalledAgentArgs(argv, MOUNTINFO)).toThrow(message);
  });
});
