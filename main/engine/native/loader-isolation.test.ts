// Malformed ELF objects against the native engine: libbpf runs in a child process, so whatever it does with
// them (refuse, crash, hang) ends as a typed error, with this process alive, nothing pinned, no child or fd left.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { parseElf, SHT_NOBITS } from '../../../shared/elf/elf64.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';

import { clangSkipReason, compileBpf } from '../../../test/support/bpf-objects.js';
import { childPids, openFds, sysBpffsListing } from '../../../test/support/host-state.js';
import { namesIn } from '../../../test/support/load-engines.js';
import { nativeSkipReason, useNativeEngine } from '../../../test/support/native-env.js';

import { MountPaths } from './confine.js';
import { loadObjectNative } from './loadall.js';

const skipNative = nativeSkipReason('loader-isolation.test.ts');
const noClang = clangSkipReason();
if (noClang) console.warn(`[loader-isolation.test] compiled-object tests skipped: ${noClang}`);

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/malformed', import.meta.url));

/** What is wrong with each object of the corpus (all made from small_counter.c, stripped of DWARF). */
const CORPUS: Record<string, string> = {
  'btf-type-id-crash.o': "the map's `type` member names BTF type 204, which does not exist (libbpf 1.1.2 crashes)",
  'truncated.o': 'cut after 700 bytes: the section headers are gone',
  'wrong-machine.o': 'e_machine says x86-64, not BPF',
  'section-past-end.o': '.BTF starts far past the end of the file',
  'btf-bad-magic.o': '.BTF does not start with the BTF magic',
  'no-section-names.o': 'e_shstrndx names a section that does not exist',
};

/** mulberry32: the same mutations on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Byte offsets libbpf reads: the ELF header, the section headers and every section but DWARF. */
function parsedBytes(obj: Uint8Array): number[] {
  const elf = parseElf(obj);
  const dv = new DataView(obj.buffer, obj.byteOffset, obj.byteLength);
  const shoff = Number(dv.getBigUint64(0x28, true));
  const ranges: [number, number][] = [
    [0, 64],
    [shoff, shoff + elf.sections.length * 64],
  ];
  for (const s of elf.sections) {
    if (s.type === SHT_NOBITS || /^\.(rel)?\.?debug/.test(s.name)) continue;
    ranges.push([s.offset, s.offset + s.size]);
  }
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from }, (_, i) => from + i));
}

function expectTypedError(e: unknown): BpfError {
  expect(e).toBeInstanceOf(BpfError);
  const err = e as BpfError;
  expect(ERRNO[err.code]).toBe(err.errno);
  expect(err.message).not.toBe('');
  return err;
}

describe.skipIf(skipNative !== undefined)('native engine: malformed objects', () => {
  const env = useNativeEngine();
  let before: { sys: string[]; kids: number[]; fds: number };
  beforeEach(async () => {
    await env.engine.mkdir('drop');
    // The first load may start helpers of the test run itself (esbuild bundling the loader from source).
    await env.engine.loadObject('drop', 'warm-up.o', new Uint8Array(8)).catch(() => undefined);
    before = { sys: sysBpffsListing(), kids: childPids('bpfscope'), fds: openFds() };
  });
  afterEach(() => {
    expect(sysBpffsListing()).toEqual(before.sys);
    expect(childPids('bpfscope')).toEqual(before.kids);
    expect(openFds()).toBe(before.fds);
  });

  it('the corpus in test/fixtures/malformed: each is a typed error naming the file, and nothing is pinned', async () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(CORPUS).sort());
    for (const [name, what] of Object.entries(CORPUS)) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
      const err = expectTypedError(await env.engine.loadObject('drop', name, bytes).catch((e: unknown) => e));
      expect(err.message, what).toContain(`"${name}"`);
      expect(err.hint, what).toBeTruthy();
      expect(await env.engine.list('drop')).toEqual([]);
      expect(env.engine.handles()).toEqual([]);
    }
  });

  it('a libbpf crash is reported as one, with what to do, and bpfscope carries on', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'btf-type-id-crash.o')));
    const err = expectTypedError(await env.engine.loadObject('drop', 'crash.o', bytes).catch((e: unknown) => e));
    // A libbpf that checks the type id refuses the object instead; either way this process is alive.
    if (/crashed/.test(err.message)) {
      expect(err).toMatchObject({
        code: 'EINVAL',
        message: 'libbpf crashed reading "crash.o" (SIGSEGV); the object was not loaded.',
        hint: expect.stringMatching(/malformed.*bpfscope is unaffected.*clang -O2 -g -target bpf -c/s),
      });
    } else console.warn(`[loader-isolation.test] this libbpf refuses the crash fixture: ${err.message}`);
    await env.engine.mkdir('after');
    const folders = (await env.engine.list('')).filter((e) => e.kind === 'dir');
    expect(folders.map((e) => e.name).sort()).toEqual(['after', 'drop']);
  });

  it.skipIf(noClang)(
    '300 seeded mutations of a small clang-built object: each loads or is a typed error, none leaves a pin',
    async () => {
      const base = compileBpf('small_counter').bytes;
      const offsets = parsedBytes(base);
      const rnd = prng(20_260_512);
      const mutations = Array.from({ length: 300 }, () => {
        const bytes = base.slice();
        const changes = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < changes; k++) bytes[offsets[Math.floor(rnd() * offsets.length)]!] = Math.floor(rnd() * 256);
        return bytes;
      });
      const tally: Record<string, number> = {};
      const check = async (i: number): Promise<void> => {
        const dir = `m${i}`;
        await env.engine.mkdir(dir);
        const outcome = await env.engine.loadObject(dir, `m${i}.o`, mutations[i]!).then(
          (r) => r,
          (e: unknown) => expectTypedError(e),
        );
        const pinned = await namesIn(env.engine, dir);
        if (outcome instanceof BpfError) {
          expect(pinned, `mutation ${i}: ${outcome.message}`).toEqual([]);
          const kind = /crashed/.test(outcome.message) ? 'libbpf crashed' : outcome.code;
          tally[kind] = (tally[kind] ?? 0) + 1;
        } else {
          const expected = [...outcome.programs, ...outcome.maps].map((p) => p.path.slice(dir.length + 1));
          expect(pinned, `mutation ${i}`).toEqual(expected.sort());
          tally.loaded = (tally.loaded ?? 0) + 1;
        }
      };
      // Loads into different folders run side by side, each in its own loader process.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < mutations.length) await check(next++);
      };
      await Promise.all([worker(), worker(), worker()]);
      expect(env.engine.handles()).toEqual([]);
      console.warn(`[loader-isolation.test] 300 mutations: ${JSON.stringify(tally)}`);
      expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(300);
    },
    20 * 60_000,
  );
});

describe.skipIf(skipNative !== undefined)('native engine: a loader that misbehaves', () => {
  const env = useNativeEngine();
  /** The engine's way to the mount, opened for one call of the loader with another child script. */
  const loadWith = async (folder: string, entry: string, timeoutMs: number): Promise<unknown> => {
    const paths = MountPaths.open(env.mount.dir);
    try {
      return await loadObjectNative(paths, folder, `${folder}.o`, new Uint8Array(8), { entry, timeoutMs });
    } catch (e) {
      return e;
    } finally {
      paths.close();
    }
  };
  const scripts: string[] = [];
  afterAll(() => {
    for (const path of scripts) rmSync(path, { force: true });
  });
  const script = (name: string, body: string): string => {
    const path = join(tmpdir(), `bpfscope-${name}-${process.pid}.cjs`);
    writeFileSync(path, body);
    scripts.push(path);
    return path;
  };

  it('one that never answers is killed after the timeout: ETIMEDOUT, no child left', async () => {
    const kids = childPids('bpfscope');
    await env.engine.mkdir('slow');
    const entry = script('hang', "process.on('message', () => {});\n");
    const err = await loadWith('slow', entry, 500);
    expect(err).toMatchObject({
      code: 'ETIMEDOUT',
      message: 'Loading "slow.o" took longer than 0.5 s; the loader was stopped and nothing was pinned.',
    });
    expect(childPids('bpfscope')).toEqual(kids);
  });

  it('one that dies after pinning: every name it announced and pinned is removed, what existed stays', async () => {
    await env.engine.mkdir('half');
    const h = await env.engine.createMap({
      type: 'array',
      name: 'kept',
      keySize: 4,
      valueSize: 4,
      maxEntries: 1,
      flags: [],
    });
    await env.engine.pin(h.handle, 'half/existing');
    await env.engine.close(h.handle);
    // Announces two names, pins one into the folder (its fd is the child's fd 4) with bpftool, then crashes.
    const entry = script(
      'crash-after-pin',
      `const { execFileSync } = require('node:child_process');
const { readlinkSync } = require('node:fs');
process.on('message', (m) => {
  if (m.type === 'load') return process.send({ type: 'plan', candidates: ['existing', 'made_here'] });
  execFileSync('bpftool', ['map', 'create', readlinkSync('/proc/self/fd/4') + '/made_here', 'type', 'array', 'key', '4', 'value', '4', 'entries', '1', 'name', 'made_here']);
  process.kill(process.pid, 'SIGSEGV');
});
`,
    );
    const err = await loadWith('half', entry, 30_000);
    expect(err).toMatchObject({
      code: 'EINVAL',
      message: 'libbpf crashed reading "half.o" (SIGSEGV); the object was not loaded.',
    });
    expect((await env.engine.list('half')).map((e) => e.name)).toEqual(['existing']);
  });
});
