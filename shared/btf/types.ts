// The BTF type model: kinds as the kernel numbers them (include/uapi/linux/btf.h) and one interface per kind.
import { BpfError } from '../errors.js';

export const BTF_MAGIC = 0xeb9f;
export const BTF_HEADER_SIZE = 24;

/** Kind numbers of `btf_type.info` bits 24-28. */
export const BTF_KIND = {
  int: 1,
  ptr: 2,
  array: 3,
  struct: 4,
  union: 5,
  enum: 6,
  fwd: 7,
  typedef: 8,
  volatile: 9,
  const: 10,
  restrict: 11,
  func: 12,
  func_proto: 13,
  var: 14,
  datasec: 15,
  float: 16,
  decl_tag: 17,
  type_tag: 18,
  enum64: 19,
} as const;

export type BtfKind = keyof typeof BTF_KIND;

/** btf_type int encoding bits. */
export const INT_SIGNED = 1;
export const INT_CHAR = 2;
export const INT_BOOL = 4;

interface Named {
  id: number;
  name: string;
}

export interface BtfVoid extends Named {
  kind: 'void';
}
export interface BtfInt extends Named {
  kind: 'int';
  size: number;
  signed: boolean;
  char: boolean;
  bool: boolean;
  bitOffset: number;
  bits: number;
}
export interface BtfPtr extends Named {
  kind: 'ptr';
  type: number;
}
export interface BtfArray extends Named {
  kind: 'array';
  elemType: number;
  indexType: number;
  nelems: number;
}
export interface BtfMember {
  name: string;
  type: number;
  bitOffset: number /** 0 when not a bitfield. */;
  bitfieldSize: number;
}
export interface BtfComposite extends Named {
  kind: 'struct' | 'union';
  size: number;
  members: BtfMember[];
}
export interface BtfEnumValue {
  name: string;
  value: bigint;
}
export interface BtfEnum extends Named {
  kind: 'enum' | 'enum64';
  size: number;
  signed: boolean;
  values: BtfEnumValue[];
}
export interface BtfFwd extends Named {
  kind: 'fwd';
  union: boolean;
}
/** typedef and the modifiers: they name or qualify `type` and have no layout of their own. */
export interface BtfRef extends Named {
  kind: 'typedef' | 'volatile' | 'const' | 'restrict' | 'type_tag';
  type: number;
}
export interface BtfFunc extends Named {
  kind: 'func';
  type: number;
  linkage: number;
}
export interface BtfParam {
  name: string;
  type: number;
}
export interface BtfFuncProto extends Named {
  kind: 'func_proto';
  returnType: number;
  params: BtfParam[];
}
export interface BtfVar extends Named {
  kind: 'var';
  type: number;
  linkage: number;
}
export interface BtfSecInfo {
  type: number;
  offset: number;
  size: number;
}
export interface BtfDatasec extends Named {
  kind: 'datasec';
  size: number;
  vars: BtfSecInfo[];
}
export interface BtfFloat extends Named {
  kind: 'float';
  size: number;
}
export interface BtfDeclTag extends Named {
  kind: 'decl_tag';
  type: number;
  componentIdx: number;
}

export type BtfType =
  | BtfVoid
  | BtfInt
  | BtfPtr
  | BtfArray
  | BtfComposite
  | BtfEnum
  | BtfFwd
  | BtfRef
  | BtfFunc
  | BtfFuncProto
  | BtfVar
  | BtfDatasec
  | BtfFloat
  | BtfDeclTag;

/** Kinds that `resolve()` looks through. */
export const MODIFIER_KINDS: ReadonlySet<string> = new Set(['typedef', 'volatile', 'const', 'restrict', 'type_tag']);

/** Malformed or unusable BTF: where (byte offset in the blob, or -1 when not about bytes) and what is wrong. */
export class BtfError extends BpfError {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super('EINVAL', offset >= 0 ? `Malformed BTF at byte ${offset}: ${problem}` : `BTF: ${problem}`, {
      hint: 'The BTF blob does not follow the kernel format; regenerate it (pahole / clang -g) or show the raw bytes instead.',
    });
    this.name = 'BtfError';
  }
}
