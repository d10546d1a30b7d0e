// libbpf's CO-RE relocations (relo_core.c) against the running kernel's BTF: an access string over a local type
// ("0:1:2") is matched by member names against every kernel type of the same kind and essential name, and the
// instruction gets the kernel's offset, size or existence. Unmatched relocations poison the instruction as
// libbpf does (a call the verifier refuses if it is reached); kinds this model does not compute refuse the load.
import type { Btf } from '../btf/btf.js';
import type { BtfType } from '../btf/types.js';
import { BpfError } from '../errors.js';

export interface CoreRelo {
  insnOff: number;
  typeId: number;
  access: string;
  kind: number;
}

const KIND_NAMES = [
  'byte_off',
  'byte_sz',
  'field_exists',
  'signed',
  'lshift_u64',
  'rshift_u64',
  'local_type_id',
  'target_type_id',
  'type_exists',
  'type_size',
  'enumval_exists',
  'enumval_value',
  'type_matches',
];
const POISON = 0xbad2310;

const essential = (name: string): string => {
  const at = name.indexOf('___');
  return at > 0 ? name.slice(0, at) : name;
};

const composite = (t: BtfType): boolean => t.kind === 'struct' || t.kind === 'union';

/** libbpf's bpf_core_fields_are_compat. */
function fieldsCompat(local: Btf, lid: number, target: Btf, tid: number): boolean {
  const l = local.resolve(lid);
  const t = target.resolve(tid);
  if (composite(l) && composite(t)) return true;
  const enumLike = (k: string): boolean => k === 'enum' || k === 'enum64';
  if (l.kind !== t.kind && !(enumLike(l.kind) && enumLike(t.kind))) return false;
  if (l.kind === 'array' && t.kind === 'array') return fieldsCompat(local, l.elemType, target, t.elemType);
  return true;
}

interface Field {
  bitOffset: number;
  typeId: number;
  bitfieldSize: number;
}

/** bpf_core_match_member: a member by name, looking into anonymous struct/union members. */
function matchMember(target: Btf, tid: number, name: string): Field | undefined {
  const t = target.resolve(tid);
  if (t.kind !== 'struct' && t.kind !== 'union') return undefined;
  for (const m of t.members) {
    if (m.name === '') {
      const inner = matchMember(target, m.type, name);
      if (inner) return { ...inner, bitOffset: inner.bitOffset + m.bitOffset };
    } else if (m.name === name) return { bitOffset: m.bitOffset, typeId: m.type, bitfieldSize: m.bitfieldSize };
  }
  return undefined;
}

type Step = { member: string; localType: number } | { index: number };

/** bpf_core_parse_spec: the named members and array indexes an access string takes (anonymous members skipped). */
function localSteps(btf: Btf, rootId: number, access: number[], what: string): { steps: Step[]; fieldType: number } {
  const steps: Step[] = [];
  let id = rootId;
  for (const idx of access.slice(1)) {
    const t = btf.resolve(id);
    if (t.kind === 'struct' || t.kind === 'union') {
      const m = t.members[idx];
      if (!m) throw coreError(`access string "${what}" names member ${idx} of a type that has ${t.members.length}`);
      if (m.name) steps.push({ member: m.name, localType: m.type });
      id = m.type;
    } else if (t.kind === 'array') {
      steps.push({ index: idx });
      id = t.elemType;
    } else throw coreError(`access string "${what}" goes into a ${t.kind}`);
  }
  return { steps, fieldType: id };
}

/** bpf_core_spec_match: the same steps over a kernel type, by member names. */
function targetField(local: Btf, target: Btf, rootId: number, first: number, steps: Step[]): Field | undefined {
  let bitOffset = first * 8 * target.sizeof(rootId);
  let id = rootId;
  let bitfieldSize = 0;
  for (const step of steps) {
    if ('member' in step) {
      const m = matchMember(target, id, step.member);
      if (!m || !fieldsCompat(local, step.localType, target, m.typeId)) return undefined;
      bitOffset += m.bitOffset;
      id = m.typeId;
      bitfieldSize = m.bitfieldSize;
    } else {
      const t = target.resolve(id);
      if (t.kind !== 'array' || (t.nelems > 0 && step.index >= t.nelems)) return undefined;
      bitOffset += step.index * 8 * target.sizeof(t.elemType);
      id = t.elemType;
      bitfieldSize = 0;
    }
  }
  return { bitOffset, typeId: id, bitfieldSize };
}

/** The value a field relocation asks for (bpf_core_calc_field_relo). */
function fieldValue(btf: Btf, f: Field, kind: number): { value: number; size: number } {
  const t = btf.resolve(f.typeId);
  let size = f.bitfieldSize ? (t.kind === 'int' || t.kind === 'enum' ? t.size : 8) : btf.sizeof(f.typeId);
  let byteOff = Math.floor(f.bitOffset / 8);
  if (f.bitfieldSize) {
    byteOff = Math.floor(f.bitOffset / 8 / size) * size;
    while (f.bitOffset + f.bitfieldSize - byteOff * 8 > size * 8) {
      if (size >= 8) throw coreError('a bitfield spans more than 8 bytes');
      size *= 2;
      byteOff = Math.floor(f.bitOffset / 8 / size) * size;
    }
  }
  const bits = f.bitfieldSize || size * 8;
  switch (kind) {
    case 0:
      return { value: byteOff, size };
    case 1:
      return { value: size, size };
    case 2:
      return { value: 1, size };
    case 3:
      return { value: (t.kind === 'int' || t.kind === 'enum' || t.kind === 'enum64') && t.signed ? 1 : 0, size };
    case 4:
      return { value: 64 - (f.bitOffset + bits - byteOff * 8), size };
    default:
      return { value: 64 - bits, size };
  }
}

/** The relocated value; a field load whose size differs in the kernel is resized [from, to]. */
interface Reloc {
  value: number;
  resize?: [number, number];
}

function sizeOrUndefined(btf: Btf, id: number): number | undefined {
  try {
    return btf.sizeof(id);
  } catch {
    return undefined;
  }
}

/** The relocated value, or undefined when no kernel type matches (the instruction is then poisoned). */
function relocValue(local: Btf, target: Btf, r: CoreRelo): Reloc | undefined {
  const root = local.type(r.typeId);
  if (r.kind === 6) return { value: r.typeId };
  const cands = target
    .findAllByName(essential(root.name))
    .filter((id) => target.type(id).kind === root.kind || (composite(root) && composite(target.type(id))));
  const access = r.access.split(':').map(Number);
  const results: Reloc[] = [];
  for (const cid of cands) {
    const cand = target.type(cid);
    if (r.kind <= 5) {
      if (cand.kind !== root.kind) continue;
      const spec = localSteps(local, r.typeId, access, r.access);
      const field = targetField(local, target, cid, access[0]!, spec.steps);
      if (!field) continue;
      const res = fieldValue(target, field, r.kind);
      const localSize = field.bitfieldSize ? undefined : sizeOrUndefined(local, spec.fieldType);
      results.push({
        value: res.value,
        ...(localSize !== undefined && localSize !== res.size
          ? { resize: [localSize, res.size] as [number, number] }
          : {}),
      });
    } else if (r.kind === 7 || r.kind === 8 || r.kind === 9) {
      results.push({ value: r.kind === 7 ? cid : r.kind === 8 ? 1 : target.sizeof(cid) });
    } else if (r.kind === 10 || r.kind === 11) {
      if (root.kind !== 'enum' && root.kind !== 'enum64') continue;
      if (cand.kind !== 'enum' && cand.kind !== 'enum64') continue;
      const name = root.values[access[0]!]?.name;
      const v = cand.values.find((x) => x.name === name);
      if (v) results.push({ value: r.kind === 10 ? 1 : Number(v.value) });
    } else throw coreError(`relocation kind ${KIND_NAMES[r.kind] ?? r.kind} is not modelled`);
  }
  const first = results[0];
  if (results.some((x) => x.value !== first?.value))
    throw coreError(`relocation of "${root.name}" (${r.access}) is ambiguous in the kernel's BTF`);
  if (first) return first;
  // Existence checks answer 0 instead of failing.
  if (r.kind === 2 || r.kind === 8 || r.kind === 10) return { value: 0 };
  return undefined;
}

/** Applies the relocations to a section's instructions (a copy is returned). */
export function applyCoreRelos(code: Uint8Array, relos: CoreRelo[], local: Btf, target: Btf): Uint8Array {
  const out = code.slice();
  const dv = new DataView(out.buffer);
  for (const r of relos) {
    const at = r.insnOff;
    if (at % 8 !== 0 || at + 8 > out.length) throw coreError(`relocation at byte ${at} is outside the section`);
    const res = relocValue(local, target, r);
    const cls = out[at]! & 7;
    if (!res) {
      // libbpf's poison: a call to a helper that does not exist.
      const isLd = out[at] === 0x18;
      out.fill(0, at, at + 8);
      out[at] = 0x85;
      dv.setInt32(at + 4, POISON, true);
      if (isLd && at + 16 <= out.length) out.fill(0, at + 8, at + 16);
      continue;
    }
    if (out[at] === 0x18) {
      dv.setInt32(at + 4, res.value, true);
      dv.setInt32(at + 12, 0, true);
    } else if (cls === 4 || cls === 7) {
      if (out[at]! & 8) throw coreError(`relocation at byte ${at} is on a register ALU instruction`);
      dv.setInt32(at + 4, res.value, true);
    } else if (cls === 1 || cls === 2 || cls === 3) {
      if (res.value > 0x7fff) throw coreError(`offset ${res.value} does not fit an instruction`);
      dv.setInt16(at + 2, res.value, true);
      if (r.kind === 0 && res.resize) resizeLoad(out, at, res.resize);
    } else throw coreError(`relocation at byte ${at} is on an instruction it cannot patch`);
  }
  return out;
}

const SIZE_BITS: Record<number, number> = { 1: 0x10, 2: 0x08, 4: 0x00, 8: 0x18 };

/** A load of a field whose size differs in the kernel reads the kernel's size. */
function resizeLoad(out: Uint8Array, at: number, [from, to]: [number, number]): void {
  const bits = SIZE_BITS[to];
  if (SIZE_BITS[from] !== (out[at]! & 0x18) || bits === undefined)
    throw coreError(`a ${from}-byte field is ${to} bytes in the kernel, and the access at byte ${at} cannot follow`);
  out[at] = (out[at]! & ~0x18) | bits;
}

function coreError(what: string): BpfError {
  return new BpfError('EINVAL', `CO-RE: ${what}.`, {
    hint: 'libbpf would refuse this relocation too, or the emulated engine does not model it: use the native engine.',
  });
}
