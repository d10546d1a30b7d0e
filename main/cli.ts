#!/usr/bin/env node
// `bpfscope serve`: browser mode. Prints exactly one line with the URL (token included) once listening.
// `bpfscope agent --stdio`: the host behind stdin/stdout, for serve, Electron or a remote (docs/agent-protocol.md).
import { fileURLToPath } from 'node:url';

import { isBpfError } from '../shared/errors.js';

import { AGENT_USAGE } from './agent/options.js';
import { openHost } from './host-connection/open-host.js';
import { isLoopback, parseOptions, resolveToken, USAGE, UsageError } from './options.js';
import { startWebServer } from './transport/web-server.js';

async function serve(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  const { token, warnings } = resolveToken(opts, process.env);
  // Children (loaders, helpers, the agent) have no use for the token.
  delete process.env.BPFSCOPE_TOKEN;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  // The native engine runs in an agent child process started from this same CLI.
  const host = await openHost(opts, {
    agent: { cliPath: fileURLToPath(import.meta.url) },
    log: (line) => process.stderr.write(`agent: ${line}\n`),
  });
  const server = await startWebServer({
    rpc: host,
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    host: opts.host,
    port: opts.port,
    token,
  });
  if (!isLoopback(opts.host)) {
    process.stderr.write(
      `warning: listening on ${opts.host}, reachable from other machines; anyone with the token can change this bpffs.\n`,
    );
  }
  process.stdout.write(`bpfscope listening on ${server.url}\n`);
  const stop = () => {
    void server
      .close()
      .then(() => host.dispose())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'serve' && command !== 'agent') {
    process.stderr.write(`${USAGE}\n${AGENT_USAGE}\n`);
    process.exit(2);
  }
  try {
    if (command === 'serve') await serve(rest);
    // The agent (and with it the native engine) loads only in the agent's own process.
    else await (await import('./agent/run-agent.js')).runAgent(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bpfscope: ${e.message}\n${command === 'agent' ? AGENT_USAGE : USAGE}\n`);
      process.exit(2);
    }
    if (isBpfError(e)) {
      process.stderr.write(`bpfscope: ${e.code}: ${e.message}${e.hint ? ` ${e.hint}` : ''}\n`);
      process.exit(1);
    }
    throw e;
  }
}

void main();
