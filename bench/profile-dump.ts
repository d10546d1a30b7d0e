// Where native mapDump's time goes on a 1M-entry hash map: the LOOKUP_BATCH syscall loop alone vs the whole mapDump.
// Run as root: npx tsx bench/profile-dump.ts  (prints one JSON line; not part of `npm run bench`).
import { closeSync } from 'node:fs';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

import { type BatchBuffers, lookupBatch, objGet } from '../main/engine/native/commands.js';
import { createNativeEngine } from '../main/engine/native/index.js';
import { mountPrivateBpffs } from '../test/support/bpffs.js';

import { DUMP_ENTRIES } from './measure-dump.js';
import { bestOf, REPEAT } from './timing.js';
import { buildBpfRef, runTool } from './tools.js';

const ENOENT = 2;

/** Only the syscalls: 4096-entry LOOKUP_BATCH calls into reused buffers, as mapDump issues them. */
function syscallLoop(fd: number): number {
  const bufs: BatchBuffers = {
    inBatch: null,
    outBatch: Buffer.alloc(8),
    keys: Buffer.alloc(4096 * 4),
    values: Buffer.alloc(4096 * 8),
  };
  const token = Buffer.alloc(8);
  let total = 0;
  for (;;) {
    const { count, errno } = lookupBatch(fd, bufs, 4096);
    total += count;
    if (errno === ENOENT) return total;
    if (errno !== 0) throw new Error(`LOOKUP_BATCH errno ${errno}`);
    bufs.outBatch.copy(token);
    bufs.inBatch = token;
  }
}

const ref = buildBpfRef();
if ('skipped' in ref) throw new Error(ref.skipped);
const mount = await mountPrivateBpffs();
try {
  const pinned = path.join(mount.dir, 'dumpbench');
  runTool(ref.binary, ['fill', pinned, 'hash', String(DUMP_ENTRIES)]);
  const fd = objGet(pinned, 0);
  const syscalls_s = await bestOf(REPEAT, () => void syscallLoop(fd));
  const engine = createNativeEngine({ bpffs: mount.dir });
  const h = await engine.get('dumpbench', 'ro');
  // GC pauses during the mapDump runs: the entry objects (1 object + 2 Uint8Array views each) are most of the JS cost.
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const mapdump_s = await bestOf(REPEAT, async () => void (await engine.mapDump(h.handle)));
  await new Promise((resolve) => setImmediate(resolve));
  gc.disconnect();
  closeSync(fd);
  await engine.dispose();
  const gc_s_per_dump = gcMs / 1000 / REPEAT;
  console.log(JSON.stringify({ syscalls_s, mapdump_s, gc_s_per_dump, js_share: 1 - syscalls_s / mapdump_s }));
} finally {
  await mount.cleanup();
}
