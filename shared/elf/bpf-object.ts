// A BPF ELF object as libbpf sees it: programs (one per function symbol in an executable section other than
// .text, typed by the section name, with the .text subprograms they call appended), the BTF-defined maps of
// `.maps` and the global-data maps, the license, the BTF the kernel gets, and which instructions load which map.
import type { ProgTypeName } from '../bpf/types.js';
import { type Btf, parseBtf } from '../btf/btf.js';
import { BpfError } from '../errors.js';
import { type BtfExt, fixDatasecs, parseBtfExt } from './btf-fixup.js';
import { type MapDef, mapsFromBtf } from './btf-maps.js';
import { applyCoreRelos } from './core-relo.js';
import { type ElfFile, type ElfSection, elfError, parseElf, SHF_EXECINSTR, SHT_PROGBITS, STT_FUNC } from './elf64.js';
import { checkExterns, checkKsyms } from './externs.js';
import { internalMaps, kconfigData, kconfigLayout } from './global-data.js';
import { linkProgram, type MapRef } from './link-code.js';
import { loadHint } from './load-errors.js';
import { objectNameOf, pinNameProblem } from './load-result.js';
import { knownSectionNames, progTypeOfSection } from './section-types.js';

export interface ObjectProgram {
  name: string;
  section: string;
  type: ProgTypeName;
  /** Linked instructions; map loads still carry imm 0 until `mapRefs` are applied. */
  insns: Uint8Array;
  /** ld_imm64 instructions (by index) that load a map or an address in its value, and which map (by name). */
  mapRefs: MapRef[];
}

export interface BpfObjectFile {
  programs: ObjectProgram[];
  maps: MapDef[];
  license: string;
  /** The .BTF the kernel gets (DATASECs laid out), when the object has one. */
  btf?: Uint8Array;
  /** Programs carry BTF func_info (.BTF.ext), so the kernel gives them the object's BTF. */
  progBtf: boolean;
}

export interface ParseOptions {
  /** The running kernel's BTF (/sys/kernel/btf/vmlinux) for CO-RE relocations; undefined when the host has none. */
  kernelBtf?: () => Btf | undefined;
  /** The host's Kconfig value of a .kconfig extern (CONFIG_*, LINUX_KERNEL_VERSION, ...), or undefined. */
  kconfig?: (name: string) => string | undefined;
  /** Whether the host's /proc/kallsyms names a symbol (typeless __ksym externs); undefined when it has none. */
  kallsyms?: (name: string) => boolean;
}

export function parseBpfObject(bytes: Uint8Array, fileName = 'object.o', opts: ParseOptions = {}): BpfObjectFile {
  const elf = parseElf(bytes);
  const byName = (n: string): ElfSection | undefined => elf.sections.find((s) => s.name === n);
  if (byName('maps'))
    throw new BpfError('EOPNOTSUPP', 'The object defines maps in a legacy "maps" section, which libbpf 1.0+ refuses.', {
      hint: 'Declare maps in SEC(".maps") with __uint/__type (BTF-defined maps).',
    });
  const btfSec = byName('.BTF');
  const mapsSec = byName('.maps');
  const rawBtf = btfSec ? elf.data(btfSec) : undefined;
  const btf = rawBtf ? parseBtf(rawBtf) : undefined;
  checkExterns(elf, btf);
  if (mapsSec && !btfSec) throw elfError('the object has a .maps section but no .BTF (compile with -g)');
  const btfMaps = btf && mapsSec ? mapsFromBtf(btf) : [];
  // Initial values (`.values = { [1] = &prog }`) come as relocations of .maps; the emulated loader does not set them.
  const withValues = btfMaps.find((m) => m.declaresValues);
  if (withValues && mapsSec && (elf.rels.get(mapsSec.index)?.length ?? 0) > 0)
    throw elfError(
      `map "${withValues.name}" initializes its values (__array(values, ...)), which the emulated engine does not set up`,
    );
  const kconfig = btf ? kconfigLayout(btf) : { externs: [], size: 0 };
  const weak = (name: string): boolean => elf.symbols.some((x) => x.name === name && x.shndx === 0 && x.bind === 2);
  const kconfigInit = (): Uint8Array => kconfigData(kconfig, opts.kconfig ?? (() => undefined), weak);
  const dataMaps = internalMaps(elf, btf, objectNameOf(fileName), kconfigInit);
  checkKsyms(elf, btf, { kernelBtf: opts.kernelBtf, kallsyms: opts.kallsyms });
  const maps = [...btfMaps, ...dataMaps];
  const licenseSec = byName('license');
  const license = licenseSec ? new TextDecoder().decode(elf.data(licenseSec)).replace(/\0[\s\S]*$/, '') : '';
  const kconfigMap = dataMaps.find((m) => m.internal?.kind === 'kconfig')?.name;
  const ext = byName('.BTF.ext');
  const btfExt = ext && rawBtf ? parseBtfExt(elf.data(ext), btfStrings(rawBtf)) : undefined;
  const code = relocatedCode(elf, btf, btfExt, opts);
  const ctx = {
    elf,
    code: (sec: ElfSection) => code.get(sec.index) ?? elf.data(sec),
    mapNames: new Set(btfMaps.map((m) => m.name)),
    ...(mapsSec ? { mapsSection: mapsSec } : {}),
    dataMapOf: (index: number) => dataMaps.find((m) => m.internal?.sectionIndex === index)?.name,
    kconfig: (name: string) => {
      const e = kconfig.externs.find((x) => x.name === name);
      return e && kconfigMap ? { map: kconfigMap, offset: e.offset } : undefined;
    },
  };
  const programs: ObjectProgram[] = [];
  for (const sec of elf.sections) {
    if (sec.type !== SHT_PROGBITS || !(sec.flags & SHF_EXECINSTR) || sec.size === 0 || sec.name === '.text') continue;
    const type = progTypeOfSection(sec.name);
    if (!type) throw unknownSection(elf, sec);
    const funcs = elf.symbols.filter((s) => s.shndx === sec.index && s.type === STT_FUNC && s.size > 0);
    if (funcs.length === 0) throw elfError(`section "${sec.name}" has code but no function symbol`);
    for (const fn of funcs) programs.push({ name: fn.name, section: sec.name, type, ...linkProgram(ctx, sec, fn) });
  }
  for (const name of [...programs.map((p) => p.name), ...maps.map((m) => m.name)]) {
    const problem = pinNameProblem(name);
    if (problem)
      throw elfError(`a program or map is named "${name}", which cannot be a pin name in the folder: ${problem}`);
  }
  const laidOut = rawBtf && btf ? layOut(rawBtf, btf, elf, kconfig.externs, kconfig.size) : undefined;
  return {
    programs,
    maps,
    license,
    ...(laidOut ? { btf: laidOut } : {}),
    progBtf: laidOut !== undefined && btfExt?.hasFuncInfo === true,
  };
}

/** libbpf's btf_fixup_datasec: section sizes and variable offsets from the ELF (and the .kconfig layout). */
function layOut(
  raw: Uint8Array,
  _btf: Btf,
  elf: ElfFile,
  externs: { name: string; offset: number }[],
  kconfigSize: number,
): Uint8Array {
  return fixDatasecs(raw, (secName) => {
    if (secName === '.kconfig')
      return { size: kconfigSize, offsetOf: (v) => externs.find((e) => e.name === v)?.offset };
    const sec = elf.sections.find((s) => s.name === secName);
    if (!sec) return undefined;
    return {
      size: sec.size,
      offsetOf: (v) => elf.symbols.find((s) => s.shndx === sec.index && s.name === v)?.value,
    };
  });
}

function btfStrings(raw: Uint8Array): (off: number) => string {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const start = dv.getUint32(4, true) + dv.getUint32(16, true);
  return (off) => {
    const from = start + off;
    const nul = raw.indexOf(0, from);
    return new TextDecoder().decode(raw.subarray(from, nul < 0 ? raw.length : nul));
  };
}

/** Each executable section's instructions with its CO-RE relocations resolved against the kernel's BTF. */
function relocatedCode(
  elf: ElfFile,
  btf: Btf | undefined,
  ext: BtfExt | undefined,
  opts: ParseOptions,
): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (!ext || !btf) return out;
  for (const [secName, relos] of ext.coreRelos) {
    const sec = elf.sections.find((s) => s.name === secName && s.flags & SHF_EXECINSTR);
    if (!sec) throw elfError(`.BTF.ext relocates section "${secName}", which holds no code`);
    const kernel = opts.kernelBtf?.();
    if (!kernel) throw noKernelBtf(secName, relos.length);
    out.set(sec.index, applyCoreRelos(elf.data(sec), relos, btf, kernel));
  }
  return out;
}

function noKernelBtf(section: string, count: number): BpfError {
  return new BpfError(
    'ENOENT',
    `Section "${section}" has ${count} CO-RE relocation(s), and this host has no kernel BTF (/sys/kernel/btf/vmlinux) to resolve them against.`,
    { hint: 'Load it on a Linux host whose kernel has CONFIG_DEBUG_INFO_BTF, or with the native engine there.' },
  );
}

function unknownSection(elf: ElfFile, sec: ElfSection): BpfError {
  const program = elf.symbols.find((s) => s.shndx === sec.index && s.type === STT_FUNC)?.name ?? '?';
  const known = knownSectionNames();
  return new BpfError('EINVAL', `Program "${program}" is in section "${sec.name}", which names no program type.`, {
    hint: loadHint({ kind: 'unknown-section', program, section: sec.name, known }),
  });
}
