// The kernel's special fields of a map value (kernel/bpf/btf.c btf_parse_fields): bpf_spin_lock, bpf_timer,
// kptrs... found by struct name in the value's struct or DATASEC, with the kernel's errors for bad layouts.
import type { ErrnoCode } from '../errors.js';
import type { Btf } from './btf.js';
import type { BtfComposite, BtfType } from './types.js';

export type FieldKind =
  | 'spin_lock'
  | 'res_spin_lock'
  | 'timer'
  | 'wq'
  | 'task_work'
  | 'list_head'
  | 'list_node'
  | 'rb_root'
  | 'rb_node'
  | 'refcount'
  | 'kptr_unref'
  | 'kptr_ref'
  | 'kptr_percpu'
  | 'uptr';

export interface SpecialField {
  kind: FieldKind;
  offset: number;
  size: number;
}
export type FieldsResult = { fields: SpecialField[] } | { errno: ErrnoCode; why: string };

/** [kind, size, align, unique]: btf_field_type_size/align, and which may appear only once per struct. */
const BY_NAME: Record<string, [FieldKind, number, number, boolean]> = {
  bpf_spin_lock: ['spin_lock', 4, 4, true],
  bpf_res_spin_lock: ['res_spin_lock', 8, 4, true],
  bpf_timer: ['timer', 16, 8, true],
  bpf_wq: ['wq', 16, 8, true],
  bpf_task_work: ['task_work', 8, 8, true],
  bpf_list_head: ['list_head', 16, 8, false],
  bpf_list_node: ['list_node', 24, 8, false],
  bpf_rb_root: ['rb_root', 16, 8, false],
  bpf_rb_node: ['rb_node', 32, 8, false],
  bpf_refcount: ['refcount', 4, 4, false],
};
const KPTR_TAG: Record<string, FieldKind> = {
  kptr_untrusted: 'kptr_unref',
  kptr: 'kptr_ref',
  percpu_kptr: 'kptr_percpu',
  uptr: 'uptr',
};
const KPTRS: readonly FieldKind[] = ['kptr_unref', 'kptr_ref', 'kptr_percpu', 'uptr'];
/** Kinds that may repeat through an array (btf_repeat_fields). */
const REPEATABLE: ReadonlySet<FieldKind> = new Set([...KPTRS, 'list_head', 'rb_root']);
/** BTF_FIELDS_MAX: more fields than this is E2BIG. */
const FIELDS_MAX = 11;
const MAX_RESOLVE_DEPTH = 32;

/** What map_check_btf searches a map value for (Linux 6.18: not bpf_res_spin_lock, which stays plain bytes). */
export const MAP_VALUE_FIELDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'spin_lock',
  'timer',
  'kptr_unref',
  'kptr_ref',
  'kptr_percpu',
  'list_head',
  'rb_root',
  'refcount',
  'wq',
  'uptr',
  'task_work',
]);
/** What BPF_BTF_LOAD searches structs with a special member for (btf_parse_struct_metas). */
export const STRUCT_META_FIELDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'spin_lock',
  'res_spin_lock',
  'list_head',
  'list_node',
  'rb_root',
  'rb_node',
  'refcount',
  'kptr_unref',
  'kptr_ref',
  'kptr_percpu',
]);

class FieldError extends Error {
  constructor(
    readonly errno: ErrnoCode,
    why: string,
  ) {
    super(why);
  }
}

/** btf_parse_fields of the (already resolved) type `typeId`; `{ fields: [] }` when it has none. */
export function parseSpecialFields(
  btf: Btf,
  typeId: number,
  mask: ReadonlySet<FieldKind>,
  valueSize: number,
): FieldsResult {
  try {
    const t = btf.type(typeId);
    let found: SpecialField[];
    if (t.kind === 'struct') found = structFields(btf, t, mask, 0);
    else if (t.kind === 'datasec') found = datasecFields(btf, t, mask);
    else throw new FieldError('EINVAL', `a ${t.kind} value has no fields to search`);
    let next = 0;
    for (const f of found) {
      if (f.offset + f.size > valueSize) throw new FieldError('EFAULT', `${f.kind} ends past the value`);
      if (f.offset < next) throw new FieldError('EEXIST', `${f.kind} at ${f.offset} overlaps the field before`);
      next = f.offset + f.size;
    }
    const has = (k: FieldKind): boolean => found.some((f) => f.kind === k);
    if (has('spin_lock') && has('res_spin_lock'))
      throw new FieldError('EINVAL', 'a bpf_spin_lock and a bpf_res_spin_lock together');
    if ((has('list_head') || has('rb_root')) && !has('spin_lock') && !has('res_spin_lock'))
      throw new FieldError('EINVAL', 'a bpf_list_head or bpf_rb_root needs a spin lock beside it');
    if (!has('refcount') && has('list_node') && has('rb_node'))
      throw new FieldError('EINVAL', 'a bpf_list_node and a bpf_rb_node need a bpf_refcount');
    return { fields: found.sort((a, b) => a.offset - b.offset) };
  } catch (e) {
    if (e instanceof FieldError) return { errno: e.errno, why: e.message };
    throw e;
  }
}

function structFields(btf: Btf, t: BtfComposite, mask: ReadonlySet<FieldKind>, level: number) {
  const out: SpecialField[] = [];
  const seen = new Set<FieldKind>();
  for (const m of t.members) {
    if (m.bitOffset % 8) throw new FieldError('EINVAL', `member ${m.name} does not start on a byte`);
    out.push(...fieldOne(btf, m.type, m.bitOffset / 8, 0, mask, seen, level));
    if (out.length > FIELDS_MAX) throw new FieldError('E2BIG', `more than ${FIELDS_MAX} special fields`);
  }
  return out;
}

function datasecFields(btf: Btf, t: BtfType & { kind: 'datasec' }, mask: ReadonlySet<FieldKind>) {
  const out: SpecialField[] = [];
  const seen = new Set<FieldKind>();
  for (const v of t.vars) {
    const variable = btf.type(v.type);
    const type = variable.kind === 'var' ? variable.type : v.type;
    out.push(...fieldOne(btf, type, v.offset, v.size, mask, seen, 0));
    if (out.length > FIELDS_MAX) throw new FieldError('E2BIG', `more than ${FIELDS_MAX} special fields`);
  }
  return out;
}

/** btf_find_field_one: the member type as written (typedefs are not looked through, as in the kernel). */
function fieldOne(
  btf: Btf,
  typeId: number,
  off: number,
  expectedSize: number,
  mask: ReadonlySet<FieldKind>,
  seen: Set<FieldKind>,
  level: number,
): SpecialField[] {
  let t = btf.type(typeId);
  let nelems = 1;
  for (let i = 0; t.kind === 'array'; i++) {
    if (i === MAX_RESOLVE_DEPTH) throw new FieldError('E2BIG', 'arrays nested too deep');
    nelems *= t.nelems;
    t = btf.type(t.elemType);
  }
  if (nelems === 0) return [];
  const named = BY_NAME[t.name];
  let kind: FieldKind | undefined;
  let size = 8;
  let align = 8;
  if (named && mask.has(named[0])) {
    if (named[3]) {
      if (seen.has(named[0])) throw new FieldError('E2BIG', `two ${t.name} in one struct`);
      seen.add(named[0]);
    }
    [kind, size, align] = named;
  } else if (KPTRS.some((k) => mask.has(k)) && t.kind !== 'struct') kind = 'kptr_ref';
  if (!kind && t.kind === 'struct') {
    if (expectedSize && expectedSize !== t.size * nelems) return [];
    if (level + 1 >= MAX_RESOLVE_DEPTH) throw new FieldError('E2BIG', 'structs nested too deep');
    const inner = structFields(btf, t, mask, level + 1).map((f) => ({ ...f, offset: f.offset + off }));
    return repeat(inner, nelems, t.size);
  }
  if (!kind) return [];
  if (expectedSize && expectedSize !== size * nelems) return [];
  if (off % align) return [];
  if (kind === 'kptr_ref') {
    const k = kptrKind(btf, t, mask);
    if (!k) return [];
    kind = k;
  } else if (t.kind !== 'struct' || t.size !== size) return [];
  return repeat([{ kind, offset: off, size }], nelems, size);
}

function repeat(fields: SpecialField[], nelems: number, elemSize: number): SpecialField[] {
  if (nelems <= 1 || fields.length === 0) return fields;
  const bad = fields.find((f) => !REPEATABLE.has(f.kind));
  if (bad) throw new FieldError('EINVAL', `an array of ${bad.kind}`);
  if (fields.length * nelems > FIELDS_MAX) throw new FieldError('E2BIG', `more than ${FIELDS_MAX} special fields`);
  const out = [...fields];
  for (let i = 1; i < nelems; i++) for (const f of fields) out.push({ ...f, offset: f.offset + i * elemSize });
  return out;
}

/** btf_find_kptr: a pointer (maybe volatile) to one type tag naming the kind, to a struct. */
function kptrKind(btf: Btf, t: BtfType, mask: ReadonlySet<FieldKind>): FieldKind | undefined {
  if (t.kind === 'volatile') t = btf.type(t.type);
  if (t.kind !== 'ptr') return undefined;
  const tag = btf.type(t.type);
  if (tag.kind !== 'type_tag') return undefined;
  if (btf.type(tag.type).kind === 'type_tag') throw new FieldError('EINVAL', 'a kptr with two type tags');
  const kind = KPTR_TAG[tag.name];
  if (!kind) throw new FieldError('EINVAL', `unknown pointer tag ${tag.name}`);
  if (!mask.has(kind)) return undefined;
  if (btf.resolve(tag.type).kind !== 'struct') throw new FieldError('EINVAL', 'a kptr must point to a struct');
  return kind;
}

/** BPF_BTF_LOAD's btf_parse_struct_metas: every struct with a direct special member must parse cleanly. */
export function structMetasProblem(btf: Btf): { errno: ErrnoCode; why: string } | undefined {
  const special = new Set<number>();
  for (const name of [
    'bpf_spin_lock',
    'bpf_list_head',
    'bpf_list_node',
    'bpf_rb_root',
    'bpf_rb_node',
    'bpf_refcount',
  ]) {
    const id = btf.findAllByName(name, 'struct')[0];
    if (id !== undefined) special.add(id);
  }
  for (const t of btf.types) {
    try {
      if (kptrKind(btf, t, STRUCT_META_FIELDS)) special.add(t.id);
    } catch {
      // Not a kptr the kernel records: btf_find_kptr's error only skips the type here.
    }
  }
  if (special.size === 0) return undefined;
  for (const t of btf.types) {
    if (t.kind !== 'struct' || !t.members.some((m) => special.has(m.type))) continue;
    const r = parseSpecialFields(btf, t.id, STRUCT_META_FIELDS, t.size);
    if ('errno' in r) return { errno: r.errno, why: `struct ${t.name}: ${r.why}` };
    if (r.fields.length === 0) return { errno: 'EFAULT', why: `struct ${t.name}: its special member is not usable` };
  }
  return undefined;
}
