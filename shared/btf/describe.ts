// A readable description of map BTF (named ints, structs, unions, arrays, the kernel's special structs) and
// the one builder that turns it into raw .BTF bytes plus key/value type ids, as MapSpec.btf takes them.
import { type Btf, parseBtf } from './btf.js';
import { BtfBuilder, type MemberSpec } from './build.js';
import { BtfError } from './types.js';

/** A type by name (a builtin or one of `types`), an array or pointer of one, or a raw type id (may be invalid). */
export type BtfTypeRef =
  | string
  | { array: BtfTypeRef; len: number }
  | { kptr: string; tag?: KptrTag | undefined }
  | { id: number };
/** A struct/union member: name, type, and optionally its byte offset (else laid out with C alignment). */
export type BtfMemberDesc = [name: string, type: BtfTypeRef] | [name: string, type: BtfTypeRef, byteOffset: number];
export type BtfTypeDesc =
  | { struct: BtfMemberDesc[]; size?: number | undefined }
  | { union: BtfMemberDesc[]; size?: number | undefined }
  | { typedef: BtfTypeRef }
  | { int: { size: 1 | 2 | 4 | 8; signed?: boolean | undefined } };

export interface MapBtfDesc {
  /** Named types; a name here hides a builtin of the same name (e.g. a wrong-sized struct bpf_spin_lock). */
  types?: Record<string, BtfTypeDesc> | undefined;
  /** null: btf_key_type_id 0. */
  key: BtfTypeRef | null;
  /** null: btf_value_type_id 0. */
  value: BtfTypeRef | null;
}

export const KPTR_TAGS = ['kptr', 'kptr_untrusted', 'percpu_kptr', 'uptr'] as const;
export type KptrTag = (typeof KPTR_TAGS)[number];

const INTS: Record<string, [size: number, signed: boolean]> = {
  u8: [1, false],
  u16: [2, false],
  u32: [4, false],
  u64: [8, false],
  s8: [1, true],
  s16: [2, true],
  s32: [4, true],
  s64: [8, true],
};
/** The kernel's special structs (include/uapi/linux/bpf.h): [u32 words, u64 words]. */
const SPECIAL: Record<string, [u32s: number, u64s: number]> = {
  bpf_spin_lock: [1, 0],
  bpf_res_spin_lock: [2, 0],
  bpf_timer: [0, 2],
  bpf_wq: [0, 2],
  bpf_refcount: [1, 0],
};
export const BUILTIN_BTF_TYPES: readonly string[] = [...Object.keys(INTS), 'char', ...Object.keys(SPECIAL)];

/** Builds raw BTF for a description; BtfError says which name or reference is wrong. */
export function buildMapBtf(desc: MapBtfDesc): { data: Uint8Array; keyTypeId: number; valueTypeId: number } {
  const b = new BtfBuilder();
  const ids = new Map<string, number>();
  const visiting = new Set<string>();
  const named = (name: string): number => {
    const known = ids.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new BtfError(-1, `type "${name}" contains itself`);
    visiting.add(name);
    const id = define(name);
    visiting.delete(name);
    ids.set(name, id);
    return id;
  };
  const define = (name: string): number => {
    const d = desc.types?.[name];
    if (d) return defineType(b, name, d, ref);
    const int = INTS[name];
    if (int) return b.addInt(name, int[0], { signed: int[1] });
    if (name === 'char') return b.addInt('char', 1, { char: true });
    const special = SPECIAL[name];
    if (special) {
      const word = special[1] ? b.addArray(named('u64'), special[1]) : b.addArray(named('u32'), special[0]);
      return b.addStruct(name, [{ name: '__opaque', type: word }]);
    }
    throw new BtfError(-1, `unknown type "${name}" (builtins: ${BUILTIN_BTF_TYPES.join(', ')})`);
  };
  const ref = (r: BtfTypeRef): number => {
    if (typeof r === 'string') return named(r);
    if ('array' in r) return b.addArray(ref(r.array), r.len);
    if ('kptr' in r) return b.addPtr(b.addTypeTag(r.tag ?? 'kptr_untrusted', named(r.kptr)));
    throw new BtfError(-1, `a raw type id (${r.id}) may only be the key or the value`);
  };
  const top = (r: BtfTypeRef | null): (() => number) => {
    if (r === null) return () => 0;
    if (typeof r === 'object' && 'id' in r) return () => r.id;
    const id = ref(r);
    return () => id;
  };
  const key = top(desc.key);
  const value = top(desc.value);
  for (const name of Object.keys(desc.types ?? {})) named(name);
  const data = b.build();
  checkMembersFit(parseBtf(data));
  return { data, keyTypeId: key(), valueTypeId: value() };
}

/** A member past the end of its struct is refused by BPF_BTF_LOAD itself; such a description is an error here. */
function checkMembersFit(btf: Btf): void {
  for (const t of btf.types) {
    if (t.kind !== 'struct' && t.kind !== 'union') continue;
    for (const m of t.members) {
      const end = m.bitOffset + (m.bitfieldSize || btf.sizeof(m.type) * 8);
      if (end > t.size * 8) throw new BtfError(-1, `member "${m.name}" of ${t.name} ends past its size ${t.size}`);
    }
  }
}

function defineType(b: BtfBuilder, name: string, d: BtfTypeDesc, ref: (r: BtfTypeRef) => number): number {
  if ('typedef' in d) return b.addTypedef(name, ref(d.typedef));
  if ('int' in d) return b.addInt(name, d.int.size, { signed: !!d.int.signed });
  const members = 'struct' in d ? d.struct : d.union;
  const seen = new Set<string>();
  const specs: MemberSpec[] = members.map(([member, type, at]) => {
    if (seen.has(member)) throw new BtfError(-1, `${name} has two members called "${member}"`);
    seen.add(member);
    return { name: member, type: ref(type), ...(at === undefined ? {} : { bitOffset: at * 8 }) };
  });
  return 'struct' in d ? b.addStruct(name, specs, d.size) : b.addUnion(name, specs, d.size);
}
