// The builder's BTF against the real kernel: BPF_BTF_LOAD accepts it, reading it back parses to the same
// types, and the demo's maps can be created on native with their BTF (the kernel checks key/value sizes).
import { closeSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { demoBtf, demoMapBtf } from '../../main/engine/emulated/demo-btf.js';
import { loadBtfFd, readBtfData } from '../../main/engine/native/btf.js';
import { objInfo } from '../../main/engine/native/commands.js';
import { nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import type { MapInfo } from '../engine.js';
import { parseBtf } from './btf.js';
import { BtfBuilder, LINKAGE } from './build.js';

const skip = nativeSkipReason('kernel-load.test.ts');

function everyKind(): Uint8Array {
  const b = new BtfBuilder();
  const u32 = b.addInt('unsigned int', 4);
  const ch = b.addInt('char', 1, { char: true });
  b.addInt('_Bool', 1, { bool: true });
  const s64 = b.addInt('long long', 8, { signed: true });
  const ptr = b.addPtr(b.addTypeTag('user', ch));
  const st = b.addStruct('pkt', [
    { name: 'len', type: u32 },
    { name: 'flag', type: u32, bits: 3 },
    { name: 'kind', type: u32, bits: 5 },
    { name: 'name', type: b.addArray(ch, 16) },
    { name: 'when', type: s64 },
    { name: 'data', type: ptr },
  ]);
  b.addUnion('either', [
    { name: 'a', type: u32 },
    { name: 'b', type: s64 },
  ]);
  b.addEnum('color', { RED: 0, GREEN: 1, MINUS: -1 }, { signed: true });
  b.addEnum64('big', { HUGE: 1n << 40n });
  b.addFwd('later', true);
  const td = b.addTypedef('u32_t', u32);
  b.addConst(b.addVolatile(td));
  b.addRestrict(ptr);
  const proto = b.addFuncProto(u32, [
    { name: 'x', type: u32 },
    { name: 'p', type: ptr },
  ]);
  b.addFunc('handler', proto, LINKAGE.global);
  const v = b.addVar('counter', u32);
  b.addDatasec('.data', [{ type: v, offset: 0 }]);
  b.addFloat('double', 8);
  b.addDeclTag('tagged', st, 1);
  return b.build();
}

/** struct bpf_btf_info: id u32 @12. */
function btfIdOf(fd: number): number {
  const info = Buffer.alloc(32);
  objInfo(fd, info);
  return info.readUInt32LE(12);
}

describe.skipIf(skip !== undefined)('BTF built here, loaded into the kernel', () => {
  const env = useNativeEngine();

  it("BPF_BTF_LOAD accepts a blob with every kind, and the kernel's copy parses to the same types", () => {
    const blob = everyKind();
    const fd = loadBtfFd(blob);
    try {
      expect(fd).toBeGreaterThan(0);
      const back = parseBtf(readBtfData(btfIdOf(fd)));
      expect(back.types).toEqual(parseBtf(blob).types);
    } finally {
      closeSync(fd);
    }
  });

  it("the demo's maps are created on the real kernel with their BTF", async () => {
    const specs = [
      { type: 'lru_hash', keySize: 16, valueSize: 32, btf: demoMapBtf('ct4_key', 'ct_entry') },
      { type: 'percpu_array', keySize: 4, valueSize: 8, btf: demoMapBtf('u32', 'counter_t') },
      { type: 'percpu_array', keySize: 4, valueSize: 16, btf: demoMapBtf('u32', 'datarec') },
      { type: 'lpm_trie', keySize: 8, valueSize: 1, btf: demoMapBtf('lpm_v4_key', 'u8'), flags: ['no_prealloc'] },
      { type: 'hash', keySize: 8, valueSize: 8, btf: demoMapBtf('u64', 'u64') },
    ] as const;
    for (const s of specs) {
      const h = await env.engine.createMap({
        name: 'demo',
        maxEntries: 8,
        ...s,
        flags: [...('flags' in s ? s.flags : [])],
      });
      const info = (await env.engine.objectInfo(h.handle)) as MapInfo;
      expect(info.btfId, s.type).toBeGreaterThan(0);
      expect([info.btfKeyTypeId, info.btfValueTypeId]).toEqual([s.btf.keyTypeId, s.btf.valueTypeId]);
      expect(parseBtf(await env.engine.btfData(info.btfId)).types).toEqual(parseBtf(demoBtf().data).types);
    }
  });
});
