// Layouts for keys and values of maps without BTF.

export { decodeWithLayout, ipv6Text, layoutFields, partName } from './decode.js';
export * from './layout.js';
