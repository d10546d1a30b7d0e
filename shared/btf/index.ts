// BTF: parse the kernel's raw format, decode values, flatten into FieldRefs, and build blobs.
export { Btf, parseBtf } from './btf.js';
export { BtfBuilder, LINKAGE, type MemberSpec, type IntOptions } from './build.js';
export { decodeValue, isBigEndianType } from './decode.js';
export { formatDecoded, type Decoded, type DecodedField } from './decoded.js';
export { btfFields, FIELD_ARRAY_CAP } from './fields.js';
export * from './types.js';
