// BPF_F_MMAPABLE arrays on a private bpffs: the mmap read of the map fd holds exactly what `bpftool map dump`
// prints (values 12 bytes, 16 apart in the mapping), and the engine's packed read of such a map gives the same.

import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { bpftoolMapCreate } from '../../../test/support/bpftool-map.js';
import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../../test/support/native-env.js';

import { objGet } from './commands.js';
import { readMmapArray } from './mmap-read.js';

const skip = nativeSkipReason('mmap-read.native.test.ts') ?? bpftoolSkipReason('mmap-read.native.test.ts');
const bpftool = (...args: string[]): string => execFileSync('bpftool', args, { stdio: 'pipe' }).toString();
const ENTRIES = 300;
const BPF_F_RDONLY = 1 << 3;

/** bpftool's dump as key hex -> value hex. */
function bpftoolDump(pin: string): Map<string, string> {
  const rows = JSON.parse(bpftool('-j', 'map', 'dump', 'pinned', pin)) as { key: string[]; value: string[] }[];
  const hex = (b: string[]) => b.map((x) => x.slice(2)).join('');
  return new Map(rows.map((r) => [hex(r.key), hex(r.value)]));
}

function packedAsMap(p: { count: number; keySize: number; valueSize: number; keys: Uint8Array; values: Uint8Array }) {
  const out = new Map<string, string>();
  for (let i = 0; i < p.count; i++)
    out.set(
      Buffer.from(p.keys.subarray(i * p.keySize, (i + 1) * p.keySize)).toString('hex'),
      Buffer.from(p.values.subarray(i * p.valueSize, (i + 1) * p.valueSize)).toString('hex'),
    );
  return out;
}

describe.skipIf(skip !== undefined)('mmap reads of mmapable arrays (native engine)', () => {
  const env = useNativeEngine();

  it('reads what bpftool dumps, through mmap and through the engine', async () => {
    const pin = join(env.mount.dir, 'arr');
    bpftoolMapCreate(pin, { type: 'array', value: 12, entries: ENTRIES, name: 'arr', flags: 1024 });
    const lines: string[] = [];
    for (let k = 0; k < ENTRIES; k += 7) {
      const key = [k & 0xff, k >> 8, 0, 0];
      const value = Array.from({ length: 12 }, (_, i) => (k * 13 + i) & 0xff);
      lines.push(`map update pinned ${pin} key ${key.join(' ')} value ${value.join(' ')}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'bpfscope-batch-'));
    try {
      writeFileSync(join(dir, 'batch'), `${lines.join('\n')}\n`);
      bpftool('batch', 'file', join(dir, 'batch'));
    } finally {
      rmSync(dir, { recursive: true });
    }
    const expected = bpftoolDump(pin);
    expect(expected.size).toBe(ENTRIES);

    const fd = objGet(pin, 0);
    try {
      expect(packedAsMap(readMmapArray(fd, 12, ENTRIES))).toEqual(expected);
    } finally {
      closeSync(fd);
    }
    // A read-only fd cannot be mapped shared: the engine maps a read-write fd by id for its read-only view handles.
    const ro = objGet(pin, BPF_F_RDONLY);
    try {
      expect(() => readMmapArray(ro, 12, ENTRIES)).toThrow(expect.objectContaining({ errno: 22 }));
    } finally {
      closeSync(ro);
    }
    const h = await env.engine.get('arr', 'ro', { internal: true });
    expect(packedAsMap(await env.engine.mapReadPacked(h.handle))).toEqual(expected);
  });
});
