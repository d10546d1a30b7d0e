// `bpfscope serve`: browser mode. Prints exactly one line with the URL (token included) once listening.
import { fileURLToPath } from 'node:url';

import { isBpfError } from '../shared/errors.js';

import { createEngine } from './engine/create.js';
import { createHost } from './host/create-host.js';
import { isLoopback, parseOptions, resolveToken, USAGE, UsageError } from './options.js';
import { startWebServer } from './transport/web-server.js';

async function serve(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  const { token, warnings } = resolveToken(opts, process.env);
  // Children (loaders, helpers) have no use for the token.
  delete process.env.BPFSCOPE_TOKEN;
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const host = createHost(await createEngine(opts));
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
  if (command !== 'serve') {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  try {
    await serve(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bpfscope: ${e.message}\n${USAGE}\n`);
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
