// The words of a failed load: one hint per kind of failure, the verifier's part of libbpf's log, and a log
// too long for the wire cut in its middle, never at its end.
import { describe, expect, it } from 'vitest';

import { collapseLog, type LoadFailure, lastLines, loadError, loadHint, verifierLog } from './load-errors.js';

const LOG = [
  "libbpf: prog 'reads_unset': BPF program load failed: Permission denied",
  "libbpf: prog 'reads_unset': -- BEGIN PROG LOAD LOG --",
  '0: R1=ctx() R10=fp0',
  '0: (bf) r0 = r5',
  'R5 !read_ok',
  'processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
  '-- END PROG LOAD LOG --',
  "libbpf: prog 'reads_unset': failed to load: -13",
  "libbpf: failed to load object 'rejected'",
  '',
].join('\n');

describe('load failure words', () => {
  it('gives each kind of failure its own hint', () => {
    const kinds: LoadFailure[] = [
      { kind: 'not-an-object', detail: 'no ELF magic' },
      { kind: 'unknown-section', program: 'p', section: 'mysection', known: ['socket', 'xdp'] },
      { kind: 'privileges', detail: '' },
      { kind: 'verifier', detail: '' },
      { kind: 'crash', signal: 'SIGSEGV' },
      { kind: 'timeout', seconds: 120 },
      { kind: 'no-libbpf', detail: '' },
      { kind: 'other', detail: '' },
    ];
    const hints = kinds.map(loadHint);
    expect(new Set(hints).size).toBe(kinds.length);
    expect(hints[1]).toMatch(/names libbpf knows.*: socket, xdp\.$/);
    expect(hints[2]).toMatch(/root.*CAP_BPF/);
    expect(hints[2]).not.toMatch(/verifier/);
    expect(hints[3]).toMatch(/verifier's last lines/);
    expect(hints[4]).toMatch(/malformed/);
  });

  it("finds the verifier's lines and the program they are about", () => {
    expect(verifierLog(LOG)).toEqual({
      program: 'reads_unset',
      lines: [
        '0: R1=ctx() R10=fp0',
        '0: (bf) r0 = r5',
        'R5 !read_ok',
        'processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
      ],
    });
    expect(verifierLog('libbpf: elf: skipping unrecognized data section(7) .xyz\n')).toBeUndefined();
    expect(lastLines(LOG, 2)).toBe("prog 'reads_unset': failed to load: -13\nfailed to load object 'rejected'");
  });

  it('keeps a log whole up to the limit, and beyond it its start and its whole end', () => {
    expect(collapseLog(LOG, 10_000)).toBe(LOG);
    const long = Array.from({ length: 100_000 }, (_, i) => `${i}: (b7) r2 = 1`).join('\n');
    const cut = collapseLog(long, 200_000);
    expect(cut.length).toBeLessThanOrEqual(200_200);
    expect(cut.startsWith('0: (b7) r2 = 1\n')).toBe(true);
    expect(cut.endsWith('99999: (b7) r2 = 1')).toBe(true);
    expect(cut).toMatch(/\n… \d+ lines \(\d+ characters\) left out …\n/);
  });

  it('puts the log on the error, and the hint the kind asks for', () => {
    const err = loadError('x.o', 'EACCES', { kind: 'verifier', program: 'reads_unset', detail: 'R5 !read_ok' }, LOG);
    expect(err).toMatchObject({ code: 'EACCES', log: LOG, hint: loadHint({ kind: 'verifier', detail: '' }) });
    expect(err.message).toBe(
      'Loading "x.o" failed: the verifier rejected program "reads_unset" (EACCES):\nR5 !read_ok',
    );
    expect(err.toWire().log).toBe(LOG);
  });
});
