// Map keys and values as the details table shows them: hex, and little-endian integers.
import { hexToBytes, leUint } from '../../shared/bpf/hex.js';
import { PERCPU_MAP_TYPES } from '../../shared/bpf/types.js';
import type { MapTypeName } from '../../shared/bpf/types.js';
import type { MapInfo } from '../../shared/engine.js';

export interface Cell { hex: string; ints: string }

/** Hex with a space every 4 bytes, for reading. */
export function spacedHex(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    parts.push([...bytes.subarray(i, i + 4)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  }
  return parts.join(' ');
}

/** The bytes as one LE integer (up to 8 bytes) or as a list of u64 words. */
export function leInts(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  if (bytes.length <= 8) return leUint(bytes).toString();
  const words: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) words.push(leUint(bytes.subarray(i, i + 8)).toString());
  return words.join(', ');
}

export function cell(bytes: Uint8Array): Cell {
  return { hex: spacedHex(bytes), ints: leInts(bytes) };
}

export function isPerCpu(info: MapInfo): boolean {
  return PERCPU_MAP_TYPES.has(info.type as MapTypeName);
}

/** Splits a value into its columns: one per CPU for per-CPU maps (padding dropped), else one. */
export function valueColumns(info: MapInfo, valueHex: string): Cell[] {
  const bytes = hexToBytes(valueHex) ?? new Uint8Array();
  if (!isPerCpu(info)) return [cell(bytes)];
  const stride = Math.ceil(info.valueSize / 8) * 8;
  const cols: Cell[] = [];
  for (let cpu = 0; cpu < info.possibleCpus; cpu++) {
    cols.push(cell(bytes.subarray(cpu * stride, cpu * stride + info.valueSize)));
  }
  return cols;
}
