// A BPF ELF object as libbpf sees it: programs (one per function symbol in an executable section, typed by
// the section name), the BTF-defined maps of `.maps`, the license, and which instructions load which map.
import type { ProgTypeName } from '../bpf/types.js';
import { BpfError } from '../errors.js';
import { type MapDef, mapsFromBtf } from './btf-maps.js';
import {
  type ElfFile,
  type ElfSection,
  elfError,
  parseElf,
  SHF_EXECINSTR,
  SHT_PROGBITS,
  STT_FUNC,
  STT_SECTION,
} from './elf64.js';
import { loadHint } from './load-errors.js';
import { pinNameProblem } from './load-result.js';
import { knownSectionNames, progTypeOfSection } from './section-types.js';

const R_BPF_64_64 = 1;
const LD_IMM64 = 0x18;

export interface ObjectProgram {
  name: string;
  section: string;
  type: ProgTypeName;
  /** Raw instructions; map loads still carry imm 0 until `mapRefs` are applied. */
  insns: Uint8Array;
  /** ld_imm64 instructions (by index) that load a map, and which map (by name). */
  mapRefs: { insn: number; map: string }[];
}

export interface BpfObjectFile {
  programs: ObjectProgram[];
  maps: MapDef[];
  license: string;
}

export function parseBpfObject(bytes: Uint8Array): BpfObjectFile {
  const elf = parseElf(bytes);
  const byName = (n: string): ElfSection | undefined => elf.sections.find((s) => s.name === n);
  const btf = byName('.BTF');
  const mapsSec = byName('.maps');
  if (mapsSec && !btf) throw elfError('the object has a .maps section but no .BTF (compile with -g)');
  const maps = mapsSec && btf ? mapsFromBtf(elf.data(btf)) : [];
  const withValues = maps.find((m) => m.declaresValues);
  if (withValues)
    throw elfError(
      `map "${withValues.name}" declares its values (__array(values, ...)), which the emulated engine does not set up`,
    );
  const licenseSec = byName('license');
  const license = licenseSec ? new TextDecoder().decode(elf.data(licenseSec)).replace(/\0[\s\S]*$/, '') : '';
  const programs: ObjectProgram[] = [];
  for (const sec of elf.sections) {
    if (sec.type !== SHT_PROGBITS || !(sec.flags & SHF_EXECINSTR) || sec.size === 0 || sec.name === '.text') continue;
    const type = progTypeOfSection(sec.name);
    if (!type) throw unknownSection(elf, sec);
    programs.push(...programsOf(elf, sec, type, maps, mapsSec));
  }
  if (elf.sections.some((s) => s.name === '.text' && s.size > 0)) {
    throw new BpfError(
      'EINVAL',
      'The object has subprograms in .text (BPF-to-BPF calls), which the emulated engine does not model.',
      {
        hint: 'Mark helper functions __always_inline, or use the native engine.',
      },
    );
  }
  if (programs.length === 0) throw elfError('it holds no programs');
  for (const name of [...programs.map((p) => p.name), ...maps.map((m) => m.name)]) {
    const problem = pinNameProblem(name);
    if (problem)
      throw elfError(`a program or map is named "${name}", which cannot be a pin name in the folder: ${problem}`);
  }
  return { programs, maps, license };
}

function unknownSection(elf: ElfFile, sec: ElfSection): BpfError {
  const program = elf.symbols.find((s) => s.shndx === sec.index && s.type === STT_FUNC)?.name ?? '?';
  const known = knownSectionNames();
  return new BpfError('EINVAL', `Program "${program}" is in section "${sec.name}", which names no program type.`, {
    hint: loadHint({ kind: 'unknown-section', program, section: sec.name, known }),
  });
}

function programsOf(
  elf: ElfFile,
  sec: ElfSection,
  type: ProgTypeName,
  maps: MapDef[],
  mapsSec?: ElfSection,
): ObjectProgram[] {
  const code = elf.data(sec);
  const funcs = elf.symbols.filter((s) => s.shndx === sec.index && s.type === STT_FUNC && s.size > 0);
  if (funcs.length === 0) throw elfError(`section "${sec.name}" has code but no function symbol`);
  const rels = elf.rels.get(sec.index) ?? [];
  return funcs.map((fn) => {
    if (fn.value + fn.size > code.length || fn.size % 8 !== 0)
      throw elfError(`function "${fn.name}" runs past its section`);
    const insns = code.slice(fn.value, fn.value + fn.size);
    const mapRefs: ObjectProgram['mapRefs'] = [];
    for (const rel of rels) {
      if (rel.offset < fn.value || rel.offset >= fn.value + fn.size) continue;
      const insn = (rel.offset - fn.value) / 8;
      const sym = elf.symbols[rel.sym];
      if (!sym) throw elfError(`a relocation of "${sec.name}" names symbol ${rel.sym}, which does not exist`);
      const target = elf.sections[sym.shndx];
      if (rel.type !== R_BPF_64_64 || insns[insn * 8] !== LD_IMM64) {
        throw new BpfError(
          'EINVAL',
          `"${fn.name}" calls or references "${sym.name || target?.name}", which the emulated engine does not link.`,
          {
            hint: 'Only map references are modelled; inline other functions.',
          },
        );
      }
      if (!mapsSec || sym.shndx !== mapsSec.index) {
        throw new BpfError(
          'EINVAL',
          `"${fn.name}" uses global data in "${target?.name ?? '?'}", which the emulated engine does not model.`,
          {
            hint: 'Keep state in BTF-defined maps, or use the native engine.',
          },
        );
      }
      // The .o's DATASEC offsets are not fixed up yet (libbpf does that): match the variable by its symbol's name.
      const named =
        sym.type === STT_SECTION ? mapSymbolAt(elf, mapsSec.index, sym.value + relImm(insns, insn)) : sym.name;
      const map = maps.find((m) => m.name === named);
      if (!map) throw elfError(`"${fn.name}" references "${sym.name}", which is not a map in .maps`);
      mapRefs.push({ insn, map: map.name });
    }
    return { name: fn.name, section: sec.name, type, insns, mapRefs };
  });
}

/** The symbol naming the map at `offset` in .maps (for relocations against the section symbol). */
function mapSymbolAt(elf: ElfFile, shndx: number, offset: number): string | undefined {
  return elf.symbols.find((s) => s.shndx === shndx && s.type !== STT_SECTION && s.value === offset)?.name;
}

/** The addend a REL relocation keeps in the ld_imm64's imm. */
function relImm(insns: Uint8Array, insn: number): number {
  return new DataView(insns.buffer, insns.byteOffset + insn * 8 + 4, 4).getInt32(0, true);
}
