// The child of as-user.ts: runs as another uid and gid, opens a native engine on the mount in argv[2], reads one
// scenario operation per line on stdin and answers one outcome per line on stdout.
import { createInterface } from 'node:readline';

import { createNativeEngine } from '../main/engine/native/index.js';

import { LabelTable } from './labels.js';
import type { Outcome } from './outcome.js';
import { runOp } from './run.js';
import { opSchema } from './scenario.js';

async function answer(store: ReturnType<typeof createNativeEngine>, line: string): Promise<Outcome> {
  const op = opSchema.parse(JSON.parse(line));
  const labels = new LabelTable();
  const outcome = await runOp(store, labels, op);
  // A handle got here ends with this operation, as a short-lived process's fd would.
  if (op.op === 'get' && 'ok' in outcome) await store.close(labels.resolve(op.as).handle);
  return outcome;
}

async function main(): Promise<void> {
  const store = createNativeEngine({ bpffs: process.argv[2] ?? '' });
  try {
    for await (const line of createInterface({ input: process.stdin })) {
      process.stdout.write(`${JSON.stringify(await answer(store, line))}\n`);
    }
  } finally {
    await store.dispose();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
