// Semantic formats of map keys and values: columns from BTF or layouts, what each column holds (inferred from type
// and field names), its text, and its sort and filter specs.
export { parseCidr, parseIpv4, parseIpv6, parseMac } from './addresses.js';
export { btfColumns } from './btf-columns.js';
export { columnField, columnFilter, columnSort, type FilterOp } from './filters.js';
export { type FlowColumns, findFlow, flowMembers, flowText } from './flow.js';
export { type Inferred, inferFormat, isPadding } from './infer.js';
export { layoutColumns } from './layout-columns.js';
export { ETHERTYPES, IP_PROTOCOLS, ipProtocolNumber } from './protocols.js';
export { cellText, cString, formatRaw, type Raw, readRaw, sumRaw } from './render.js';
export { formatColumn, formatColumns } from './resolve.js';
export * from './types.js';
export { ageText, byteCountText, durationText, parseByteCount, parseDuration, wallTimeText } from './units.js';
