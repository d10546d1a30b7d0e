// libbpf's bpf_object__relocate for one program: subprograms of .text it calls (or takes the address of) are
// appended after it, depth first as libbpf does, and calls patched; ld_imm64 of a map becomes a map reference,
// of global data a map-value reference (the internal map plus the variable's offset).
import { BpfError } from '../errors.js';
import { type ElfFile, type ElfSection, type ElfSymbol, elfError, STT_FUNC, STT_SECTION } from './elf64.js';

const LD_IMM64 = 0x18;
const CALL = 0x85;
const PSEUDO_CALL = 1;
const PSEUDO_FUNC = 4;

/** A map an instruction loads: its fd (`offset` undefined) or the address `offset` bytes into its value. */
export interface MapRef {
  insn: number;
  map: string;
  offset?: number;
}

export interface LinkContext {
  elf: ElfFile;
  /** A section's instructions, CO-RE relocations applied. */
  code(sec: ElfSection): Uint8Array;
  /** The map a data section's bytes live in (internal maps), by section index. */
  dataMapOf(sectionIndex: number): string | undefined;
  /** The map name of a .maps variable. */
  mapsSection?: ElfSection;
  mapNames: Set<string>;
  /** A .kconfig extern's map and offset. */
  kconfig(name: string): { map: string; offset: number } | undefined;
}

interface Chunk {
  sec: ElfSection;
  /** First instruction of the function in its section. */
  from: number;
  len: number;
  /** Where it starts in the linked program. */
  at: number;
}

export function linkProgram(
  ctx: LinkContext,
  sec: ElfSection,
  fn: ElfSymbol,
): { insns: Uint8Array; mapRefs: MapRef[] } {
  const { elf } = ctx;
  const parts: Uint8Array[] = [];
  const mapRefs: MapRef[] = [];
  let total = 0;
  const placed = new Map<string, number>();
  const place = (s: ElfSection, f: ElfSymbol): Chunk => {
    const code = ctx.code(s);
    if (f.value + f.size > code.length || f.size % 8 !== 0 || f.value % 8 !== 0)
      throw elfError(`function "${f.name}" runs past its section`);
    const chunk = { sec: s, from: f.value / 8, len: f.size / 8, at: total };
    parts.push(code.slice(f.value, f.value + f.size));
    placed.set(`${s.index}:${f.value}`, total);
    total += chunk.len;
    return chunk;
  };
  const out = (): Uint8Array => {
    const all = new Uint8Array(total * 8);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    return all;
  };
  const subprogAt = (s: ElfSection, insn: number, from: string): ElfSymbol => {
    const f = elf.symbols.find((x) => x.shndx === s.index && x.type === STT_FUNC && x.value === insn * 8);
    if (!f) throw elfError(`"${from}" calls instruction ${insn} of "${s.name}", where no function starts`);
    if (s.name !== '.text') throw elfError(`"${from}" calls "${f.name}", which is not in .text`);
    return f;
  };
  const callTarget = (s: ElfSection, insn: number, from: string): number => {
    const f = subprogAt(s, insn, from);
    const done = placed.get(`${s.index}:${f.value}`);
    if (done !== undefined) return done;
    // Placed before its own relocation, so that recursion finds it.
    const chunk = place(s, f);
    relocate(chunk, f.name);
    return chunk.at;
  };
  const relocate = (chunk: Chunk, name: string): void => {
    const code = partOf(chunk);
    const dv = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const rels = (elf.rels.get(chunk.sec.index) ?? []).filter(
      (r) => r.offset >= chunk.from * 8 && r.offset < (chunk.from + chunk.len) * 8,
    );
    const relAt = new Map(rels.map((r) => [r.offset / 8 - chunk.from, r]));
    for (let i = 0; i < chunk.len; i++) {
      const code0 = code[i * 8]!;
      const src = code[i * 8 + 1]! >> 4;
      const imm = dv.getInt32(i * 8 + 4, true);
      const rel = relAt.get(i);
      if (!rel) {
        // A call inside the same section that clang resolved itself.
        if (code0 === CALL && src === PSEUDO_CALL) {
          const target = callTarget(chunk.sec, chunk.from + i + imm + 1, name);
          dv.setInt32(i * 8 + 4, target - (chunk.at + i) - 1, true);
        }
        if (code0 === LD_IMM64) i++;
        continue;
      }
      const sym = elf.symbols[rel.sym];
      if (!sym) throw elfError(`a relocation of "${chunk.sec.name}" names symbol ${rel.sym}, which does not exist`);
      const target = elf.sections[sym.shndx];
      if (code0 === CALL && src === PSEUDO_CALL && target) {
        const to = callTarget(target, sym.value / 8 + imm + 1, name);
        dv.setInt32(i * 8 + 4, to - (chunk.at + i) - 1, true);
        continue;
      }
      if (code0 !== LD_IMM64) throw notLinked(name, sym.name || target?.name || '?');
      if (target && target.flags & 0x4) {
        const to = callTarget(target, (sym.value + imm) / 8, name);
        code[i * 8 + 1] = (PSEUDO_FUNC << 4) | (code[i * 8 + 1]! & 0x0f);
        dv.setInt32(i * 8 + 4, to - (chunk.at + i) - 1, true);
      } else mapRefs.push({ insn: chunk.at + i, ...dataRef(ctx, sym, imm, name) });
      i++;
    }
  };
  const partOf = (chunk: Chunk): Uint8Array => {
    let at = 0;
    for (const p of parts) {
      if (at === chunk.at) return p;
      at += p.length / 8;
    }
    throw elfError('internal: a placed function was lost');
  };
  const main = place(sec, fn);
  relocate(main, fn.name);
  return { insns: out(), mapRefs };
}

function dataRef(ctx: LinkContext, sym: ElfSymbol, imm: number, from: string): { map: string; offset?: number } {
  const { elf } = ctx;
  if (ctx.mapsSection && sym.shndx === ctx.mapsSection.index) {
    // The .o's DATASEC offsets are not fixed up yet (libbpf does that): match the variable by its symbol's name.
    const named =
      sym.type === STT_SECTION
        ? elf.symbols.find((s) => s.shndx === sym.shndx && s.type !== STT_SECTION && s.value === sym.value + imm)?.name
        : sym.name;
    if (!named || !ctx.mapNames.has(named))
      throw elfError(`"${from}" references "${sym.name}", which is not a map in .maps`);
    return { map: named };
  }
  if (sym.shndx === 0) {
    const ext = ctx.kconfig(sym.name);
    if (ext) return { map: ext.map, offset: ext.offset };
    throw new BpfError(
      'EINVAL',
      `"${from}" uses the kernel symbol "${sym.name}", which the emulated engine cannot resolve.`,
      {
        hint: 'Externs other than .kconfig ones (__ksym) need the kernel: use the native engine.',
      },
    );
  }
  const map = ctx.dataMapOf(sym.shndx);
  if (map === undefined) throw notLinked(from, sym.name || elf.sections[sym.shndx]?.name || '?');
  return { map, offset: sym.value + imm };
}

function notLinked(from: string, what: string): BpfError {
  return new BpfError('EINVAL', `"${from}" references "${what}", which is neither a map, global data nor a function.`, {
    hint: 'libbpf refuses such a relocation too; check how the object was built.',
  });
}
