// A parsed BTF blob: types by id, names, resolving through typedefs/modifiers, sizes and lookup by name.
import { parseRawBtf } from './parse.js';
import { BtfError, type BtfKind, type BtfType, MODIFIER_KINDS } from './types.js';

export class Btf {
  private byName: Map<string, number[]> | undefined;

  constructor(readonly types: readonly BtfType[]) {
    checkChains(types);
  }

  /** Number of type ids, void (0) included. */
  get count(): number {
    return this.types.length;
  }

  type(id: number): BtfType {
    const t = this.types[id];
    if (!t) throw new BtfError(-1, `type id ${id} does not exist (the BTF has ${this.types.length - 1} types)`);
    return t;
  }

  name(type: BtfType | number): string {
    return (typeof type === 'number' ? this.type(type) : type).name;
  }

  /** The type behind typedef/const/volatile/restrict/type_tag (chains were checked for cycles at load). */
  resolve(id: number): BtfType {
    let t = this.type(id);
    while (MODIFIER_KINDS.has(t.kind)) t = this.type((t as { type: number }).type);
    return t;
  }

  /** The typedef names on the way from `id` to its resolved type, outermost first (e.g. ['__be32', '__u32']). */
  typedefNames(id: number): string[] {
    const names: string[] = [];
    let t = this.type(id);
    while (MODIFIER_KINDS.has(t.kind)) {
      if (t.kind === 'typedef') names.push(t.name);
      t = this.type((t as { type: number }).type);
    }
    return names;
  }

  /** Size in bytes of a value of this type; BtfError for void, fwd and functions. */
  sizeof(id: number): number {
    const t = this.resolve(id);
    switch (t.kind) {
      case 'int':
      case 'enum':
      case 'enum64':
      case 'struct':
      case 'union':
      case 'float':
      case 'datasec':
        return t.size;
      case 'ptr':
        return 8;
      case 'array':
        return t.nelems * this.sizeof(t.elemType);
      case 'var':
        return this.sizeof(t.type);
      default:
        throw new BtfError(-1, `type ${t.id} (${t.kind}${t.name ? ` ${t.name}` : ''}) has no size`);
    }
  }

  /** Ids of the types called `name`, optionally of one kind. */
  findAllByName(name: string, kind?: BtfKind): number[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const t of this.types) {
        if (!t.name) continue;
        const list = this.byName.get(t.name);
        if (list) list.push(t.id);
        else this.byName.set(t.name, [t.id]);
      }
    }
    const ids = this.byName.get(name) ?? [];
    return kind ? ids.filter((id) => this.types[id]!.kind === kind) : ids;
  }

  /** The first type called `name` (of `kind`, when given), or undefined. */
  findByName(name: string, kind?: BtfKind): BtfType | undefined {
    const id = this.findAllByName(name, kind)[0];
    return id === undefined ? undefined : this.types[id];
  }

  /** A C-like spelling of a type, e.g. "struct ct4_key", "__u8[3]", "const char *". */
  typeText(id: number, depth = 0): string {
    const t = this.type(id);
    if (depth > 16) return '...';
    switch (t.kind) {
      case 'void':
        return 'void';
      case 'struct':
      case 'union':
      case 'enum':
        return `${t.kind} ${t.name || '(anon)'}`;
      case 'enum64':
        return `enum ${t.name || '(anon)'}`;
      case 'fwd':
        return `${t.union ? 'union' : 'struct'} ${t.name}`;
      case 'ptr':
        return `${this.typeText(t.type, depth + 1)} *`;
      case 'array':
        return `${this.typeText(t.elemType, depth + 1)}[${t.nelems}]`;
      case 'const':
      case 'volatile':
      case 'restrict':
        return `${t.kind} ${this.typeText(t.type, depth + 1)}`;
      case 'type_tag':
        return `${this.typeText(t.type, depth + 1)} __tag(${t.name})`;
      case 'func_proto':
        return `${this.typeText(t.returnType, depth + 1)} (*)(${t.params.map((p) => this.typeText(p.type, depth + 1)).join(', ')})`;
      default:
        return t.name || `(anon ${t.kind})`;
    }
  }
}

/** Typedef/modifier/array chains must end: a cycle (typedef A -> const A) is an error, as in the kernel. */
function checkChains(types: readonly BtfType[]): void {
  const state = new Uint8Array(types.length); // 0 new, 1 on the current walk, 2 known to end
  const next = (t: BtfType): number | undefined =>
    MODIFIER_KINDS.has(t.kind) ? (t as { type: number }).type : t.kind === 'array' ? t.elemType : undefined;
  for (const start of types) {
    if (state[start.id] !== 0) continue;
    const walk: number[] = [];
    let id: number | undefined = start.id;
    while (id !== undefined && state[id] === 0) {
      state[id] = 1;
      walk.push(id);
      id = next(types[id]!);
    }
    if (id !== undefined && state[id] === 1) {
      throw new BtfError(
        -1,
        `type ${id} (${types[id]!.kind} ${types[id]!.name}) refers back to itself through ${walk.slice(walk.indexOf(id)).join(' -> ')} -> ${id}`,
      );
    }
    for (const w of walk) state[w] = 2;
  }
}

/** Parses a raw BTF blob (the format of /sys/kernel/btf/vmlinux and BPF_BTF_LOAD). */
export function parseBtf(data: Uint8Array): Btf {
  return new Btf(parseRawBtf(data).types);
}
