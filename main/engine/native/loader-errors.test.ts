// How the engine words each way a loader child can answer: where the load stopped and what libbpf printed
// choose the errno, the message and the hint; the fd path libbpf saw as pin root reads as the folder.
import { describe, expect, it } from 'vitest';

import { loadHint } from '../../../shared/elf/load-errors.js';

import { loadFailureError } from './loader-errors.js';

const failed = (stage: 'open' | 'load' | 'pin' | 'libbpf', errno: number, log = '', extra = {}) =>
  ({ type: 'failed', stage, errno, log, ...extra }) as const;

const word = (outcome: Parameters<typeof loadFailureError>[0]) => loadFailureError(outcome, 'x.o', 'drop', '/mnt/drop');

describe('loader answers in words', () => {
  it('EPERM from the kernel: the hint is about privileges, not the verifier', () => {
    const log =
      "libbpf: prog 'count': BPF program load failed: Operation not permitted\nlibbpf: failed to load object 'x'\n";
    const err = word(failed('load', 1, log));
    expect(err).toMatchObject({ code: 'EPERM', hint: loadHint({ kind: 'privileges', detail: '' }), log });
    expect(err.message).toMatch(/^Loading "x.o" was refused \(EPERM\): .*Operation not permitted/s);
  });

  it('an unknown section: EINVAL with the section, the program and the names this libbpf knows', () => {
    const log = "libbpf: prog 'p': missing BPF prog type, check ELF section name 'mysection'\n";
    const err = word(failed('load', 22, log, { knownSections: ['socket', 'xdp'] }));
    expect(err).toMatchObject({
      code: 'EINVAL',
      message: 'Program "p" of "x.o" is in section "mysection", which names no program type.',
      hint: expect.stringMatching(/: socket, xdp\.$/),
    });
  });

  it('libbpf refusing to open the file: its errno 4000+ becomes EINVAL, its last words the message', () => {
    const err = word(failed('open', 4001, 'libbpf: elf: failed to open x: not an ELF file\n'));
    expect(err).toMatchObject({ code: 'EINVAL', hint: loadHint({ kind: 'not-an-object', detail: '' }) });
    expect(err.message).toBe(
      '"x.o" is not a BPF ELF object that can be loaded: elf: failed to open x: not an ELF file',
    );
  });

  it('a name that is a path is refused as a malformed object, naming it', () => {
    const err = word({ type: 'failed', stage: 'name', errno: 22, log: '', detail: '../../victims' });
    expect(err).toMatchObject({ code: 'EINVAL', hint: loadHint({ kind: 'not-an-object', detail: '' }) });
    expect(err.message).toBe(
      '"x.o" is not a BPF ELF object that can be loaded: a program or map is named "../../victims", which cannot ' +
        'be a pin name in the folder: it contains "/".',
    );
  });

  it('a pin that failed names its path in the folder; the pin root reads as the folder in the log', () => {
    expect(word(failed('pin', 17, '', { detail: 'count' }))).toMatchObject({ code: 'EEXIST', path: 'drop/count' });
    const log = "libbpf: couldn't reuse pinned map at '/proc/self/fd/4/m': parameter mismatch\n";
    expect(word(failed('load', 22, log)).log).toBe(
      "libbpf: couldn't reuse pinned map at '/mnt/drop/m': parameter mismatch\n",
    );
  });

  it('a crash, an exit without answer, a timeout and a missing libbpf each say what happened', () => {
    expect(word({ type: 'crashed', signal: 'SIGSEGV', code: null, stderr: '' })).toMatchObject({
      code: 'EINVAL',
      message: 'libbpf crashed reading "x.o" (SIGSEGV); the object was not loaded.',
    });
    expect(word({ type: 'crashed', signal: null, code: 1, stderr: 'TypeError: boom\n' })).toMatchObject({
      code: 'EIO',
      message: expect.stringMatching(/ended without an answer \(exit code 1\)/),
      log: 'TypeError: boom\n',
    });
    expect(word({ type: 'timeout', ms: 120_000 }).code).toBe('ETIMEDOUT');
    expect(word(failed('libbpf', 38, '', { detail: 'libbpf.so.1: cannot open shared object file' }))).toMatchObject({
      code: 'ENOSYS',
      hint: expect.stringMatching(/apt-get install libbpf1/),
    });
  });
});
