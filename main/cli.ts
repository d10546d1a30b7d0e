#!/usr/bin/env node
// `bpfscope serve`: browser mode. Prints exactly one line with the URL (token included) once listening.
// `bpfscope agent --stdio`: the host behind stdin/stdout, for serve, Electron or a remote (docs/agent-protocol.md).
import { fileURLToPath } from 'node:url';

import { isBpfError } from '../shared/errors.js';

import { AGENT_USAGE } from './agent/options.js';
import { HEADLESS_USAGE, isHeadlessCommand } from './cli/argv.js';
import { openHost, type UiHost } from './host-connection/open-host.js';
import { defaultCommandHosts, hostControl } from './hosts/control.js';
import { listKubeNodes } from './hosts/kube-nodes.js';
import { defaultLaunchers } from './hosts/launchers.js';
import { configDir, hostsFile } from './hosts/persist.js';
import { HostRegistry } from './hosts/registry.js';
import { readSshConfigHosts } from './hosts/ssh-config.js';
import { isLoopback, parseOptions, resolveToken, USAGE, UsageError } from './options.js';
import { runSnapshotCommand } from './snapshot/cli.js';
import { openSnapshotHost } from './snapshot/open.js';
import { SNAPSHOT_USAGE } from './snapshot/options.js';
import { startWebServer } from './transport/web-server.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function serve(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  const { token, warnings } = resolveToken(opts, process.env);
  // Children (loaders, helpers, the agent) have no use for the token.
  delete process.env.BPFSCOPE_TOKEN;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  // The native engine runs in an agent child process started from this same CLI.
  const how = { agent: { cliPath: fileURLToPath(import.meta.url) }, log: (line: string) => log(`agent: ${line}`) };
  // The engine asked for opens first, and serve stops with its reason when it cannot.
  // A snapshot is the primary host, read-only, instead of a live engine.
  let first: UiHost | undefined = opts.snapshot ? await openSnapshotHost(opts.snapshot) : await openHost(opts, how);
  const registry = new HostRegistry({
    primary: opts.engine,
    openLocal: (engine) => {
      const opened = engine === opts.engine ? first : undefined;
      first = undefined;
      return opened ? Promise.resolve(opened) : openHost({ ...opts, engine }, how);
    },
    launchers: defaultLaunchers(log),
    file: hostsFile(configDir()),
    sshConfig: () => readSshConfigHosts(),
    kubeNodes: () => listKubeNodes(),
    log,
  });
  await registry.start();
  const server = await startWebServer({
    rpc: registry.link(registry.primary)!,
    hosts: {
      link: (id) => registry.link(id),
      control: hostControl(registry, defaultCommandHosts(process.getuid?.(), opts.allowCommandHosts ?? false)),
    },
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
      .then(() => registry.dispose())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (isHeadlessCommand(command)) {
    const { runHeadless } = await import('./cli/run.js');
    process.exit(await runHeadless(command, rest, fileURLToPath(import.meta.url)));
  }
  const snapshotCommand = command === 'snapshot' || command === 'snapshot-diff' || command === 'snapshot-dump';
  if (command !== 'serve' && command !== 'agent' && !snapshotCommand) {
    process.stderr.write(`${USAGE}\n${AGENT_USAGE}\n${HEADLESS_USAGE}\n${SNAPSHOT_USAGE}\n`);
    process.exit(2);
  }
  try {
    if (command === 'serve') await serve(rest);
    else if (snapshotCommand) await runSnapshotCommand(command, rest, fileURLToPath(import.meta.url));
    // The agent (and with it the native engine) loads only in the agent's own process.
    else await (await import('./agent/run-agent.js')).runAgent(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      const usage = command === 'agent' ? AGENT_USAGE : snapshotCommand ? SNAPSHOT_USAGE : USAGE;
      process.stderr.write(`bpfscope: ${e.message}\n${usage}\n`);
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
