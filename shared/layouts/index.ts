// Layouts for keys and values of maps without BTF.
export * from './layout.js';
export { decodeWithLayout, ipv6Text, layoutFields, partName } from './decode.js';
