// The agent as the .deb installs it (/usr/lib/bpfscope/agent/agent.js), run as root by the launcher that pkexec or
// sudo starts: only `--stdio`, `--engine` and `--bpffs`, checked before anything else runs.
import { readFileSync } from 'node:fs';

import { UsageError } from '../options.js';
import { checkInstalledAgentArgs } from './installed-args.js';
import { runAgent } from './run-agent.js';

const argv = process.argv.slice(2);
try {
  checkInstalledAgentArgs(argv, readFileSync('/proc/self/mountinfo', 'utf8'));
} catch (e) {
  process.stderr.write(`bpfscope agent: ${e instanceof UsageError ? e.message : String(e)}\n`);
  process.exit(2);
}
await runAgent(argv);
