// The TypeScript ELF reader against real objects compiled by clang from test/bpf/.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';

import { parseBtf } from '../btf/btf.js';
import { parseBpfObject } from './bpf-object.js';
import { progTypeOfSection } from './section-types.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[bpf-object.test] compiled-object tests skipped: ${noClang}`);

describe('parseBpfObject', () => {
  it.skipIf(noClang)('finds both programs by section and the BTF-defined maps with their sizes', () => {
    const obj = parseBpfObject(compileBpf('xdp_counter').bytes);
    expect(obj.license).toBe('GPL');
    expect(obj.programs.map((p) => [p.name, p.section, p.type])).toEqual([
      ['count_protocols', 'xdp', 'xdp'],
      ['count_tc', 'tc', 'sched_cls'],
    ]);
    expect(obj.maps).toEqual([
      expect.objectContaining({ name: 'proto_counts', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 256 }),
      expect.objectContaining({ name: 'tc_packets', type: 'array', keySize: 4, valueSize: 8, maxEntries: 1 }),
    ]);
    expect(obj.maps.map((m) => [m.flags, m.pinning, (m.btfKeyTypeId ?? 0) > 0, (m.btfValueTypeId ?? 0) > 0])).toEqual([
      [[], 0, true, true],
      [[], 0, false, false],
    ]);
    const tc = obj.programs[1]!;
    expect(tc.mapRefs.map((r) => r.map)).toEqual(['tc_packets']);
    expect(tc.insns[tc.mapRefs[0]!.insn * 8]).toBe(0x18); // the reference is an ld_imm64
  });

  it.skipIf(noClang)('refuses a truncated object with EINVAL naming what is wrong', () => {
    const bytes = compileBpf('xdp_counter').bytes;
    expect(() => parseBpfObject(bytes.subarray(0, 600))).toThrow(
      expect.objectContaining({ code: 'EINVAL', message: expect.stringMatching(/section/) }),
    );
  });

  it('refuses what is not ELF at all', () => {
    expect(() => parseBpfObject(new TextEncoder().encode('#!/bin/sh\necho not an object\n'.repeat(4)))).toThrow(
      expect.objectContaining({ code: 'EINVAL', message: expect.stringMatching(/no ELF magic/) }),
    );
  });
});

describe('section names', () => {
  it('types programs the way libbpf does', () => {
    expect(progTypeOfSection('xdp')).toBe('xdp');
    expect(progTypeOfSection('classifier')).toBe('sched_cls');
    expect(progTypeOfSection('kprobe/do_sys_open')).toBe('kprobe');
    expect(progTypeOfSection('tracepoint/syscalls/sys_enter_open')).toBe('tracepoint');
    expect(progTypeOfSection('cgroup_skb/egress')).toBe('cgroup_skb');
    expect(progTypeOfSection('cgroup/connect4')).toBe('cgroup_sock_addr');
    expect(progTypeOfSection('mysection')).toBeUndefined();
    // libbpf 1.1: only names written with "+" take a "/..." suffix; the rest match exactly.
    expect(progTypeOfSection('classifier/0')).toBeUndefined();
    expect(progTypeOfSection('xdp/foo')).toBeUndefined();
    expect(progTypeOfSection('cgroup_skb/foo')).toBeUndefined();
    expect(progTypeOfSection('kprobe.multi/foo')).toBe('kprobe');
    expect(progTypeOfSection('xdp/devmap')).toBe('xdp');
    expect(progTypeOfSection('fentry.s/do_unlinkat')).toBe('tracing');
  });

  it.skipIf(noClang)('a program in an unknown section: EINVAL naming both, the hint listing the known names', () => {
    expect(() => parseBpfObject(compileBpf('unknown_section').bytes)).toThrow(
      expect.objectContaining({
        code: 'EINVAL',
        message: 'Program "in_unknown_section" is in section "mysection", which names no program type.',
        hint: expect.stringMatching(/names libbpf knows.*socket, sk_reuseport\/migrate, sk_reuseport, kprobe/),
      }),
    );
  });

  it.skipIf(noClang)(
    'an extern that is neither __ksym nor __kconfig: ENOENT when the object is opened, as libbpf',
    () => {
      expect(() => parseBpfObject(compileBpf('extern_plain').bytes)).toThrow(
        expect.objectContaining({ code: 'ENOENT', message: expect.stringMatching(/"undefined_helper"/) }),
      );
    },
  );

  it.skipIf(noClang)('a strong typeless __ksym missing from kallsyms is ESRCH; a weak one may be missing', () => {
    const bytes = compileBpf('ksym_typeless').bytes;
    expect(() => parseBpfObject(bytes, 'k.o', { kallsyms: () => false })).toThrow(
      expect.objectContaining({ code: 'ESRCH', message: expect.stringMatching(/"needed_symbol"/) }),
    );
    // Resolved, the object gets past the check (the emulated loader then refuses to link a __ksym use).
    expect(() => parseBpfObject(bytes, 'k.o', { kallsyms: (name) => name === 'needed_symbol' })).toThrow(
      expect.objectContaining({ code: 'EINVAL', message: expect.stringMatching(/uses the kernel symbol/) }),
    );
  });

  it.skipIf(noClang)('reads LIBBPF_PIN_BY_NAME from a map definition', () => {
    const maps = parseBpfObject(compileBpf('pin_by_name').bytes).maps;
    expect(maps.map((m) => [m.name, m.pinning])).toEqual([
      ['shared_counts', 1],
      ['local_stats', 0],
    ]);
  });
});

describe.skipIf(noClang)('CO-RE relocations', () => {
  const kernel = (() => {
    try {
      return parseBtf(new Uint8Array(readFileSync('/sys/kernel/btf/vmlinux')));
    } catch {
      return undefined;
    }
  })();

  it('are refused with ENOENT naming the kernel BTF when the host has none', () => {
    expect(() => parseBpfObject(compileBpf('core_read').bytes, 'core_read.o', { kernelBtf: () => undefined })).toThrow(
      expect.objectContaining({ code: 'ENOENT', message: expect.stringContaining('/sys/kernel/btf/vmlinux') }),
    );
  });

  it.skipIf(!kernel)("give the field the offset it has in this kernel's task_struct", () => {
    const task = kernel!.findByName('task_struct', 'struct');
    const pid = task?.kind === 'struct' ? task.members.find((m) => m.name === 'pid') : undefined;
    const obj = parseBpfObject(compileBpf('core_read').bytes, 'core_read.o', { kernelBtf: () => kernel });
    const insns = obj.programs[0]!.insns;
    const dv = new DataView(insns.buffer, insns.byteOffset, insns.byteLength);
    // The relocated instruction moves the field's offset into a register (r1 = imm) that is added to the task.
    const imms = [];
    for (let i = 0; i < insns.length / 8; i++) if (insns[i * 8] === 0xb7) imms.push(dv.getInt32(i * 8 + 4, true));
    expect(imms).toContain(pid!.bitOffset / 8);
  });
});
