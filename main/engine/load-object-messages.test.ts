// What a user reads after dropping an object: program names in full (BTF func_info) beside the kernel's 15
// characters, internal map names as bpftool makes them, the whole verifier log with its last line in the
// message, and a hint chosen by what failed.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { BpfError } from '../../shared/errors.js';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { canMountBpffs } from '../../test/support/bpffs.js';
import { namesIn, useLoadEngine } from '../../test/support/load-engines.js';
import { bpftoolSkipReason } from '../../test/support/native-env.js';

const noClang = clangSkipReason();
const noNative = canMountBpffs();
const noBpftool = noNative ?? bpftoolSkipReason('load-object-messages.test.ts');
if (noClang) console.warn(`[load-object-messages.test] skipped: ${noClang}`);
if (noNative) console.warn(`[load-object-messages.test] native engine skipped: ${noNative}`);

const LONG_NAMES = [
  'trace_xdp_redirect',
  'trace_xdp_redirect_err',
  'trace_xdp_redirect_map',
  'trace_xdp_redirect_map_err',
];

const bpftoolJson = (...args: string[]): unknown =>
  JSON.parse(execFileSync('bpftool', ['-j', ...args], { encoding: 'utf8' }));

for (const kind of ['emulated', 'native'] as const) {
  describe.skipIf(noClang || (kind === 'native' && noNative))(`loading objects on the ${kind} engine`, () => {
    const env = useLoadEngine(kind);

    it('names programs longer than 15 characters in full, with the kernel name beside it, everywhere', async () => {
      const res = await env.engine.loadObject('drop', 'long_names.o', compileBpf('long_names').bytes);
      expect(res.programs.map((p) => p.name)).toEqual(LONG_NAMES);
      const entries = await env.engine.list('drop');
      expect(entries.map((e) => [e.name, e.object?.fullName, e.object?.name]).sort()).toEqual(
        LONG_NAMES.map((n) => [n, n, 'trace_xdp_redir']),
      );
      for (const name of LONG_NAMES) {
        expect(await env.engine.pathInfo(`drop/${name}`)).toMatchObject({ name: 'trace_xdp_redir', fullName: name });
      }
      const listed = (await env.engine.listObjects()).filter((o) => o.pins.some((p) => p.startsWith('drop/')));
      expect(listed.map((o) => o.fullName).sort()).toEqual(LONG_NAMES);
      if (kind === 'native') {
        for (const name of LONG_NAMES) {
          expect(bpftoolJson('prog', 'show', 'pinned', join(env.mount!.dir, 'drop', name))).toMatchObject({ name });
        }
      }
    });

    it('a program in a section that names no program type: EINVAL, and the hint lists the names libbpf knows', async () => {
      const err = await env.engine
        .loadObject('drop', 'unknown_section.o', compileBpf('unknown_section').bytes)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BpfError);
      expect(err).toMatchObject({
        code: 'EINVAL',
        message: expect.stringMatching(/"in_unknown_section".*section "mysection", which names no program type/),
      });
      const hint = (err as BpfError).hint ?? '';
      for (const known of ['xdp', 'tc', 'kprobe', 'tracepoint', 'socket'])
        expect(hint).toMatch(new RegExp(`\\b${known}\\b`));
      expect(hint).not.toMatch(/verifier|supported|names are/);
      expect(await namesIn(env.engine, 'drop')).toEqual([]);
    });
  });
}

describe.skipIf(noClang || noNative)('the verifier log on the native engine', () => {
  const env = useLoadEngine('native');

  it('a log longer than 4 KB reaches the user whole, its last line in the message', async () => {
    const err = (await env.engine
      .loadObject('drop', 'long_log.o', compileBpf('long_log').bytes)
      .catch((e: unknown) => e)) as BpfError;
    expect(err).toMatchObject({ code: 'EACCES', hint: expect.stringMatching(/verifier's last lines/) });
    const log = err.log ?? '';
    expect(log.length).toBeGreaterThan(4096);
    const body = log.slice(log.indexOf('-- BEGIN PROG LOAD LOG --'), log.indexOf('-- END PROG LOAD LOG --'));
    const verifierLines = body.split('\n').filter((l) => l.trim() !== '');
    expect(verifierLines.length).toBeGreaterThan(400);
    expect(verifierLines).toContain('R5 !read_ok');
    expect(err.message).toContain('the verifier rejected program "rejected_at_end" (EACCES)');
    expect(err.message).toContain('R5 !read_ok');
    expect(err.message.endsWith(verifierLines.at(-1)!)).toBe(true);
    expect(await namesIn(env.engine, 'drop')).toEqual([]);
  });
});

describe.skipIf(noClang || noBpftool)('internal map names on the native engine, against bpftool', () => {
  const env = useLoadEngine('native');

  it("libbpf-bootstrap's minimal.bpf.o pins minimal_bss and minimal_rodata, as bpftool prog loadall pinmaps", async () => {
    const obj = compileBpf('minimal.bpf');
    const res = await env.engine.loadObject('drop', 'minimal.bpf.o', obj.bytes);
    expect(res.maps.map((m) => [m.name, m.path])).toEqual([
      ['minimal.bss', 'drop/minimal_bss'],
      ['minimal.rodata', 'drop/minimal_rodata'],
    ]);
    // bpftool on the same object, into the same private mount (the object pins nothing by name).
    await env.engine.mkdir('bpftool-progs');
    await env.engine.mkdir('bpftool-maps');
    const dir = env.mount!.dir;
    execFileSync('bpftool', [
      'prog',
      'loadall',
      obj.path,
      join(dir, 'bpftool-progs'),
      'pinmaps',
      join(dir, 'bpftool-maps'),
    ]);
    const theirs = await namesIn(env.engine, 'bpftool-maps');
    expect(theirs).toEqual(['minimal_bss', 'minimal_rodata']);
    expect((await namesIn(env.engine, 'drop')).filter((n) => n.startsWith('minimal'))).toEqual(theirs);
    expect(await namesIn(env.engine, 'bpftool-progs')).toEqual(res.programs.map((p) => p.name).sort());
    for (const pin of theirs) {
      const kernelName = (bpftoolJson('map', 'show', 'pinned', join(dir, 'bpftool-maps', pin)) as { name: string })
        .name;
      expect(await env.engine.pathInfo(`drop/${pin}`)).toMatchObject({ name: kernelName });
    }
  });
});
