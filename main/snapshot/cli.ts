// `bpfscope snapshot`: captures a host headlessly into a .bpfsnap file, through the same host as serve.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

import { BpfError, ERRNO, type ErrnoCode } from '../../shared/errors.js';

import { openHeadlessPort } from '../cli/connect.js';
import { captureSnapshot } from './capture.js';
import { runSnapshotDiff, runSnapshotDump } from './diff-cli.js';
import { parseSnapshotOptions } from './options.js';

export async function runSnapshot(argv: readonly string[], cliPath: string): Promise<void> {
  const opts = parseSnapshotOptions(argv);
  const host = await openHeadlessPort(opts.reach, cliPath);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    let last = '';
    const bytes = await captureSnapshot(host, {
      maps: opts.maps,
      ...(opts.maxEntries !== undefined ? { maxEntries: opts.maxEntries } : {}),
      signal: stop.signal,
      onProgress: (p) => {
        const line = `${p.phase} ${p.done}/${p.total}${p.item ? ` ${p.item}` : ''}`;
        if (process.stderr.isTTY && line !== last) process.stderr.write(`\r\x1b[K${line}`);
        last = line;
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    // Written beside the target and renamed: a failed write leaves no half file under the name asked for.
    const tmp = `${opts.output}.partial`;
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, opts.output);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw writeError(e, opts.output);
    }
    process.stdout.write(`${opts.output}: ${bytes.length} bytes\n`);
  } finally {
    process.off('SIGINT', onSignal);
    await host.dispose();
  }
}

function writeError(e: unknown, file: string): BpfError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  return new BpfError(code in ERRNO ? (code as ErrnoCode) : 'EIO', `Cannot write ${file}: ${code}.`, {
    hint: 'Choose a file in a folder you may write to, on a disk with room.',
  });
}

/** snapshot, snapshot-diff, snapshot-dump. */
export async function runSnapshotCommand(command: string, argv: readonly string[], cliPath: string): Promise<void> {
  if (command === 'snapshot') await runSnapshot(argv, cliPath);
  else if (command === 'snapshot-diff') await runSnapshotDiff(argv, cliPath);
  else await runSnapshotDump(argv);
}
