// One headless command, start to end: parse, open the host, run, print, close. Exit 0 on success, 1 with
// `bpfscope: CODE: message hint` when the host refused, 2 with the usage for a usage error.
import { parentOf } from '../../shared/bpf/paths.js';
import { isBpfError } from '../../shared/errors.js';

import { UsageError } from '../options.js';
import { HEADLESS_USAGE, type HeadlessCommand, parseHeadless } from './argv.js';
import { openHeadlessHost } from './connect.js';
import { dump } from './dump.js';
import { info } from './info.js';
import { ls } from './ls.js';
import { mounts } from './mounts.js';
import { type CommandContext, type CommandOutput, mountRelative } from './output.js';
import { pin } from './pin.js';
import { unlink } from './unlink.js';

const COMMANDS: Record<HeadlessCommand, (ctx: CommandContext) => Promise<CommandOutput>> = {
  ls,
  info,
  dump,
  pin,
  unlink,
  mounts,
};

/** Resolves once written, or once the reader has gone (`| head`): what it did not want is no error. */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    process.stdout.once('error', () => resolve());
    process.stdout.write(text, () => resolve());
  });
}

/** Runs `bpfscope COMMAND ARGV…`; resolves with the exit code. `cliPath` starts a local native agent. */
export async function runHeadless(command: HeadlessCommand, argv: string[], cliPath: string): Promise<number> {
  try {
    const opts = parseHeadless(command, argv);
    const host = await openHeadlessHost(opts, cliPath);
    try {
      const paths = opts.paths.map((p) =>
        command === 'pin' && p.startsWith('id:') ? p : mountRelative(p, host.mountPoint),
      );
      const out = await COMMANDS[command]({ api: host.api, paths, ...(opts.limit ? { limit: opts.limit } : {}) });
      await write(opts.json ? `${JSON.stringify(out.json, null, 2)}\n` : out.text.map((l) => `${l}\n`).join(''));
    } finally {
      await host.dispose();
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bpfscope: ${e.message}\n${HEADLESS_USAGE}\n`);
      return 2;
    }
    if (isBpfError(e)) {
      // The UI's advice ("refresh the tree") has a command-line form.
      const hint =
        e.code === 'ENOENT' && e.path !== undefined
          ? `List what is there: bpfscope ls${parentOf(e.path) ? ` ${parentOf(e.path)}` : ''}`
          : e.hint;
      process.stderr.write(`bpfscope: ${e.code}: ${e.message}${hint ? ` ${hint}` : ''}\n`);
      return 1;
    }
    process.stderr.write(`bpfscope: EIO: ${(e as Error).message}\n`);
    return 1;
  }
}
