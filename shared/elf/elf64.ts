// A reader for ELF64 little-endian relocatable objects (what `clang -target bpf -c` writes): section headers,
// section names, the symbol table and REL relocations. Every offset is bounds-checked; bad input is EINVAL.
import { BpfError } from '../errors.js';
import { loadHint } from './load-errors.js';

export const SHT_PROGBITS = 1,
  SHT_SYMTAB = 2,
  SHT_REL = 9,
  SHT_NOBITS = 8;
export const SHF_EXECINSTR = 0x4;
export const STT_OBJECT = 1,
  STT_FUNC = 2,
  STT_SECTION = 3;
export const EM_BPF = 247;

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

export interface ElfSymbol {
  name: string;
  type: number;
  bind: number;
  shndx: number;
  value: number;
  size: number;
}

export interface ElfRel {
  offset: number;
  sym: number;
  type: number;
}

export interface ElfFile {
  bytes: Uint8Array;
  sections: ElfSection[];
  symbols: ElfSymbol[];
  /** Relocations by the index of the section they apply to. */
  rels: Map<number, ElfRel[]>;
  data(section: ElfSection): Uint8Array;
}

export function elfError(what: string): BpfError {
  return new BpfError('EINVAL', `Not a valid BPF ELF object: ${what}.`, {
    hint: loadHint({ kind: 'not-an-object', detail: what }),
  });
}

function cstring(bytes: Uint8Array, at: number): string {
  if (at >= bytes.length) throw elfError(`string offset ${at} is outside its string table`);
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

export function parseElf(bytes: Uint8Array): ElfFile {
  if (bytes.length < 64) throw elfError(`${bytes.length} bytes is shorter than an ELF header`);
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) throw elfError('no ELF magic');
  if (bytes[4] !== 2 || bytes[5] !== 1) throw elfError('not 64-bit little-endian');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (at: number): number => Number(dv.getBigUint64(at, true));
  if (dv.getUint16(18, true) !== EM_BPF) throw elfError(`machine ${dv.getUint16(18, true)} is not BPF (${EM_BPF})`);
  const shoff = u64(0x28),
    shentsize = dv.getUint16(0x3a, true),
    shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  if (shentsize !== 64 || shoff + shnum * 64 > bytes.length) throw elfError('the section header table is cut off');
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * 64;
    raw.push({
      index: i,
      nameOff: dv.getUint32(at, true),
      type: dv.getUint32(at + 4, true),
      flags: u64(at + 8),
      offset: u64(at + 24),
      size: u64(at + 32),
      link: dv.getUint32(at + 40, true),
      info: dv.getUint32(at + 44, true),
    });
  }
  for (const s of raw) {
    if (s.type !== SHT_NOBITS && s.offset + s.size > bytes.length)
      throw elfError(`section ${s.index} runs past the end of the file`);
  }
  const data = (s: { type: number; offset: number; size: number }): Uint8Array =>
    s.type === SHT_NOBITS ? new Uint8Array(s.size) : bytes.subarray(s.offset, s.offset + s.size);
  const strtab = raw[shstrndx];
  if (!strtab) throw elfError('no section name table');
  const names = data(strtab);
  const sections: ElfSection[] = raw.map(({ nameOff, ...s }) => ({ ...s, name: cstring(names, nameOff) }));
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const symbols = symtab ? readSymbols(dv, symtab, sections, data) : [];
  const rels = new Map<number, ElfRel[]>();
  for (const s of sections) {
    if (s.type !== SHT_REL) continue;
    const list: ElfRel[] = [];
    for (let at = s.offset; at + 16 <= s.offset + s.size; at += 16) {
      const info = dv.getBigUint64(at + 8, true);
      list.push({ offset: u64(at), sym: Number(info >> 32n), type: Number(info & 0xffffffffn) });
    }
    rels.set(s.info, list);
  }
  return { bytes, sections, symbols, rels, data };
}

function readSymbols(
  dv: DataView,
  symtab: ElfSection,
  sections: ElfSection[],
  data: (s: ElfSection) => Uint8Array,
): ElfSymbol[] {
  const strs = sections[symtab.link];
  if (!strs) throw elfError('the symbol table has no string table');
  const names = data(strs);
  const out: ElfSymbol[] = [];
  for (let at = symtab.offset; at + 24 <= symtab.offset + symtab.size; at += 24) {
    const info = dv.getUint8(at + 4);
    out.push({
      name: cstring(names, dv.getUint32(at, true)),
      type: info & 0xf,
      bind: info >> 4,
      shndx: dv.getUint16(at + 6, true),
      value: Number(dv.getBigUint64(at + 8, true)),
      size: Number(dv.getBigUint64(at + 16, true)),
    });
  }
  return out;
}
