// Where the native mapReadPacked's time goes on a 1M-entry hash: bare LOOKUP_BATCH loops at several batch
// sizes (into reused, pre-faulted buffers as bpf-ref does, and into fresh ones), the engine's read, and
// bpf-ref's batch time, interleaved in one process so machine load hits them alike.
// Run as root: npx tsx bench/profile-packed.ts [REPEAT]  (prints a table; not part of `npm run bench`).

import { closeSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

import { lookupBatch, objGet } from '../main/engine/native/commands.js';
import { createNativeEngine } from '../main/engine/native/index.js';
import { mountPrivateBpffs } from '../test/support/bpffs.js';

import { DUMP_ENTRIES } from './measure-dump.js';
import { timeOnce } from './timing.js';
import { buildBpfRef, runTool } from './tools.js';

const ENOENT = 2;
const repeat = Number(process.argv[2] ?? 5);

/** One full read in `batch`-entry calls into `keys`/`values` (sized for the whole map). */
function bareRead(fd: number, batch: number, keys: Buffer, values: Buffer): number {
  const inTok = Buffer.alloc(8);
  const outTok = Buffer.alloc(8);
  let total = 0;
  for (let first = true; ; first = false) {
    const want = Math.min(batch, keys.length / 4 - total);
    const { count, errno } = lookupBatch(
      fd,
      {
        inBatch: first ? null : inTok,
        outBatch: outTok,
        keys: keys.subarray(total * 4),
        values: values.subarray(total * 8),
      },
      want,
    );
    total += count;
    if (errno === ENOENT || total >= keys.length / 4) return total;
    if (errno !== 0) throw new Error(`LOOKUP_BATCH errno ${errno}`);
    outTok.copy(inTok);
  }
}

const ref = buildBpfRef();
if ('skipped' in ref) throw new Error(ref.skipped);
const mount = await mountPrivateBpffs();
try {
  const pinned = path.join(mount.dir, 'profile');
  runTool(ref.binary, ['fill', pinned, 'hash', String(DUMP_ENTRIES)]);
  const fd = objGet(pinned, 0);
  const keys = Buffer.alloc(DUMP_ENTRIES * 4);
  const values = Buffer.alloc(DUMP_ENTRIES * 8);
  const engine = createNativeEngine({ bpffs: mount.dir });
  const h = await engine.get('profile', 'ro');
  const best = new Map<string, number>();
  const note = (name: string, s: number): void => void best.set(name, Math.min(best.get(name) ?? Infinity, s));
  for (let r = 0; r < repeat; r++) {
    for (const batch of [4096, 8192, 16384, 32768, 65536])
      note(`bare loop, reused buffers, ${batch}/call`, await timeOnce(() => void bareRead(fd, batch, keys, values)));
    note(
      'bare loop, fresh buffers, 8192/call',
      await timeOnce(
        () => void bareRead(fd, 8192, Buffer.allocUnsafe(DUMP_ENTRIES * 4), Buffer.allocUnsafe(DUMP_ENTRIES * 8)),
      ),
    );
    note('engine.mapReadPacked', await timeOnce(async () => void (await engine.mapReadPacked(h.handle))));
    const out = JSON.parse(runTool(ref.binary, ['dump', pinned, '1'])) as { batch_s: number };
    note('bpf-ref batch (C, 8192/call)', out.batch_s);
  }
  closeSync(fd);
  await engine.dispose();
  const refS = best.get('bpf-ref batch (C, 8192/call)') ?? NaN;
  console.log(`best of ${repeat}, load ${loadavg()[0]?.toFixed(2)}`);
  for (const [name, s] of best)
    console.log(`${name.padEnd(40)} ${(s * 1000).toFixed(1).padStart(8)} ms  ${(s / refS).toFixed(2)}x ref`);
} finally {
  await mount.cleanup();
}
