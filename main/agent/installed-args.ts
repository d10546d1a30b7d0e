// The arguments the installed launcher accepts. pkexec and sudo hand a root process whatever the user typed after
// the launcher's path, so this allows only --stdio, --engine native|emulated and --bpffs naming a bpffs mount point
// (checked in the mount table, without touching the path itself: no file under it is opened, followed or stat'ed).

import { parseMountInfo } from '../engine/native/mount.js';
import { UsageError } from '../options.js';

export interface InstalledAgentArgs {
  engine: 'native' | 'emulated';
  bpffs: string;
}

/** A clean absolute path: no empty, "." or ".." components, no trailing slash, nothing but printable ASCII. */
function isCleanAbsolute(path: string): boolean {
  if (!path.startsWith('/') || path.length > 4096 || !/^[\x21-\x7e]+$/.test(path)) return false;
  if (path === '/') return true;
  return path
    .slice(1)
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Throws a UsageError naming the first argument it refuses; mountinfo is /proc/self/mountinfo's text. */
export function checkInstalledAgentArgs(argv: readonly string[], mountinfo: string): InstalledAgentArgs {
  const out: InstalledAgentArgs = { engine: 'native', bpffs: '/sys/fs/bpf' };
  let stdio = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--stdio') stdio = true;
    else if (arg === '--engine') {
      const v = argv[++i];
      if (v !== 'native' && v !== 'emulated') throw new UsageError(`--engine must be native or emulated, not ${v}`);
      out.engine = v;
    } else if (arg === '--bpffs') {
      const v = argv[++i] ?? '';
      if (!isCleanAbsolute(v)) throw new UsageError('--bpffs must be a clean absolute path (no "..", "//" or spaces)');
      out.bpffs = v;
    } else throw new UsageError(`the installed agent refuses the argument ${JSON.stringify(arg.slice(0, 80))}`);
  }
  if (!stdio) throw new UsageError('the agent needs --stdio: it talks only over its stdin and stdout');
  if (out.engine === 'native') {
    const top = parseMountInfo(mountinfo)
      .filter((m) => m.mountPoint === out.bpffs)
      .at(-1);
    if (top?.fsType !== 'bpf') throw new UsageError(`--bpffs ${out.bpffs} is not a bpffs mount point`);
  }
  return out;
}
