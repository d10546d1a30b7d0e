// BTF: parse the kernel's raw format, decode values, flatten into FieldRefs, and build blobs.
export { Btf, parseBtf } from './btf.js';
export { BtfBuilder, type IntOptions, LINKAGE, type MemberSpec } from './build.js';
export { decodeValue, isBigEndianType } from './decode.js';
export { type Decoded, type DecodedField, formatDecoded } from './decoded.js';
export { btfFields, FIELD_ARRAY_CAP } from './fields.js';
export * from './types.js';
