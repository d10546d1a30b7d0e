// libbpf's internal maps: one single-entry array per non-empty .data*, .rodata* and .bss* section, and one for
// the .kconfig externs. Names, flags and BTF follow bpf_object__init_internal_map: "<8 chars of the object
// name><section>" (.kconfig leaves 7), custom ".data.x" sections by their own name, 15 characters at most.
import type { Btf } from '../btf/btf.js';
import { BpfError } from '../errors.js';
import type { MapDef } from './btf-maps.js';
import type { ElfFile, ElfSection } from './elf64.js';
import { SHT_NOBITS, SHT_PROGBITS } from './elf64.js';

const OBJ_NAME_LEN = 16;
const VAR_STATIC = 0;

export type InternalKind = 'data' | 'rodata' | 'bss' | 'kconfig';

/** libbpf's internal_map_name. */
export function internalMapName(objectName: string, secName: string): string {
  const sfx = Math.min(Math.max(7, secName.length), OBJ_NAME_LEN - 1);
  const pfx = secName.indexOf('.', 1) >= 0 ? 0 : Math.min(OBJ_NAME_LEN - sfx - 1, objectName.length);
  return `${objectName.slice(0, pfx)}${secName.slice(0, sfx)}`.replace(/[^A-Za-z0-9_.]/g, '_');
}

/** Which internal map a section makes, if any. */
export function internalKindOf(sec: ElfSection): InternalKind | undefined {
  const is = (base: string): boolean => sec.name === base || sec.name.startsWith(`${base}.`);
  if (sec.size === 0) return undefined;
  if (sec.type === SHT_PROGBITS && !(sec.flags & 0x4)) {
    if (is('.data')) return 'data';
    if (is('.rodata')) return 'rodata';
  }
  if (sec.type === SHT_NOBITS && is('.bss')) return 'bss';
  return undefined;
}

/** A .kconfig extern, where libbpf puts it in the kconfig map, and how it writes its value (find_kcfg_type). */
export interface KconfigExtern {
  name: string;
  offset: number;
  size: number;
  kind: 'bool' | 'char' | 'tristate' | 'int' | 'chars' | 'other';
}

/** bpf_object__collect_externs for .kconfig: sorted by alignment (descending), size, then name; packed. */
export function kconfigLayout(btf: Btf): { externs: KconfigExtern[]; size: number } {
  const sec = btf.findByName('.kconfig', 'datasec');
  if (!sec || sec.kind !== 'datasec') return { externs: [], size: 0 };
  const vars = sec.vars.map((v) => {
    const variable = btf.type(v.type);
    const typeId = variable.kind === 'var' ? variable.type : v.type;
    const size = btf.sizeof(typeId);
    return { name: btf.name(variable), size, align: alignOf(btf, typeId), kind: kcfgKind(btf, typeId) };
  });
  vars.sort((a, b) => b.align - a.align || a.size - b.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let off = 0;
  const externs = vars.map((v) => {
    const offset = Math.ceil(off / v.align) * v.align;
    off = offset + v.size;
    return { name: v.name, offset, size: v.size, kind: v.kind };
  });
  return { externs, size: off };
}

function kcfgKind(btf: Btf, id: number): KconfigExtern['kind'] {
  const t = btf.resolve(id);
  if (t.kind === 'int') return t.bool ? 'bool' : t.size === 1 && t.char ? 'char' : 'int';
  if (t.kind === 'enum') return t.name === 'libbpf_tristate' ? 'tristate' : 'int';
  if (t.kind === 'array') {
    const e = btf.resolve(t.elemType);
    return e.kind === 'int' && e.size === 1 ? 'chars' : 'other';
  }
  return 'other';
}

/**
 * The kconfig map's bytes as libbpf fills them (bpf_object__resolve_externs): each extern from `lookup` (a
 * Kconfig value: y, m, n, a number or a quoted string); unresolved weak externs stay 0, strong ones refuse (ESRCH).
 */
export function kconfigData(
  layout: { externs: KconfigExtern[]; size: number },
  lookup: (name: string) => string | undefined,
  isWeak: (name: string) => boolean,
): Uint8Array {
  const out = new Uint8Array(layout.size);
  const dv = new DataView(out.buffer);
  for (const e of layout.externs) {
    const raw = lookup(e.name);
    if (raw === undefined) {
      if (isWeak(e.name)) continue;
      throw new BpfError('ESRCH', `The .kconfig extern "${e.name}" has no value on this host (ESRCH).`, {
        hint: 'libbpf reads CONFIG_* values from /proc/config.gz; mark optional ones __weak.',
      });
    }
    const bad = (): never => {
      throw new BpfError('EINVAL', `The .kconfig extern "${e.name}" cannot hold the value ${raw} (EINVAL).`);
    };
    if (raw === 'y' || raw === 'n' || raw === 'm') {
      if (e.kind === 'char') out[e.offset] = raw.charCodeAt(0);
      else if (e.kind === 'tristate') out[e.offset] = raw === 'y' ? 1 : raw === 'm' ? 2 : 0;
      else if (e.kind === 'bool' && raw !== 'm') out[e.offset] = raw === 'y' ? 1 : 0;
      else bad();
    } else if (raw.startsWith('"')) {
      if (e.kind !== 'chars') bad();
      const text = new TextEncoder().encode(raw.slice(1, raw.endsWith('"') ? -1 : undefined));
      out.set(text.subarray(0, e.size - 1), e.offset);
    } else {
      if (e.kind !== 'int' && e.kind !== 'bool' && e.kind !== 'tristate') bad();
      const n = BigInt.asUintN(64, BigInt(raw));
      for (let i = 0; i < e.size; i++) dv.setUint8(e.offset + i, Number((n >> BigInt(8 * i)) & 0xffn));
    }
  }
  return out;
}

function alignOf(btf: Btf, id: number): number {
  const t = btf.resolve(id);
  if (t.kind === 'array') return alignOf(btf, t.elemType);
  if (t.kind === 'struct' || t.kind === 'union') return Math.max(1, ...t.members.map((m) => alignOf(btf, m.type)));
  return Math.min(8, Math.max(1, btf.sizeof(id)));
}

/** map_is_mmapable: a DATASEC with at least one variable that is not static. */
function hasGlobalVar(btf: Btf | undefined, datasecId: number): boolean {
  if (!btf || datasecId === 0) return false;
  const sec = btf.type(datasecId);
  if (sec.kind !== 'datasec') return false;
  return sec.vars.some((v) => {
    const t = btf.type(v.type);
    return t.kind === 'var' && t.linkage !== VAR_STATIC;
  });
}

/** The internal maps of an object, in section order, then .kconfig. */
export function internalMaps(
  elf: ElfFile,
  btf: Btf | undefined,
  objectName: string,
  kconfigInit?: () => Uint8Array,
): MapDef[] {
  const maps: MapDef[] = [];
  const add = (kind: InternalKind, secName: string, size: number, sectionIndex: number, init?: Uint8Array): void => {
    const datasec = btf?.findByName(secName, 'datasec');
    const valueTypeId = datasec?.id ?? 0;
    const flags = kind === 'rodata' || kind === 'kconfig' ? ['rdonly_prog'] : [];
    if (hasGlobalVar(btf, valueTypeId)) flags.push('mmapable');
    // map_uses_real_name: custom .data.* / .rodata.* maps show their section name; the kernel gets the short one.
    const realName = (kind === 'data' && secName !== '.data') || (kind === 'rodata' && secName !== '.rodata');
    const kernelName = internalMapName(objectName, secName);
    maps.push({
      name: realName ? secName : kernelName,
      kernelName,
      type: 'array',
      keySize: 4,
      valueSize: size,
      maxEntries: 1,
      flags,
      pinning: 0,
      btfKeyTypeId: 0,
      btfValueTypeId: valueTypeId,
      internal: { kind, section: secName, sectionIndex, ...(init ? { init } : {}) },
    });
  };
  for (const sec of elf.sections) {
    const kind = internalKindOf(sec);
    if (kind) add(kind, sec.name, sec.size, sec.index, kind === 'bss' ? undefined : elf.data(sec).slice());
  }
  if (btf) {
    const { size } = kconfigLayout(btf);
    if (size > 0) add('kconfig', '.kconfig', size, -1, kconfigInit?.());
  }
  return maps;
}
