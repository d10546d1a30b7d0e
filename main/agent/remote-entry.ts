// The agent as it is shipped to a remote host (dist/agent/bpfscope-agent.cjs, see host-connection/ssh-boot.ts):
// `node bpfscope-agent.cjs agent --stdio [options]`, the same command line as `bpfscope agent`.
import { isBpfError } from '../../shared/errors.js';

import { UsageError } from '../options.js';
import { AGENT_USAGE } from './options.js';
import { runAgent } from './run-agent.js';

const [command, ...rest] = process.argv.slice(2);
if (command !== 'agent') {
  process.stderr.write(`${AGENT_USAGE}\n`);
  process.exit(2);
}
runAgent(rest).catch((e: unknown) => {
  if (e instanceof UsageError) process.stderr.write(`bpfscope: ${e.message}\n${AGENT_USAGE}\n`);
  else if (isBpfError(e)) process.stderr.write(`bpfscope: ${e.code}: ${e.message}${e.hint ? ` ${e.hint}` : ''}\n`);
  else process.stderr.write(`bpfscope: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
