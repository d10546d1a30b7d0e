// Numbers as the entries view shows them: compact rates ("+1.2k/s") and field values as JS numbers.
import { type FieldRef, readField } from '../../shared/fields.js';

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** "+1.2k/s", "-35/s", "+0.5/s". */
export function formatRate(perSec: number): string {
  const sign = perSec < 0 ? '-' : '+';
  const a = Math.abs(perSec);
  for (const [n, u] of UNITS) {
    if (a >= n) return `${sign}${trim(a / n)}${u}/s`;
  }
  return `${sign}${trim(a)}/s`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(2).replace(/\.?0+$/, '');
}

export function fieldNumber(bytes: Uint8Array, base: number, f: FieldRef): number {
  return Number(readField(bytes, base, f));
}

/** A field's value as exact text (bigint for integers). */
export function fieldText(bytes: Uint8Array, base: number, f: FieldRef): string {
  return String(readField(bytes, base, f));
}

/** Sum of a field over every CPU slot of a per-CPU value starting at `base`. */
export function sumOverCpus(bytes: Uint8Array, base: number, f: FieldRef, cpus: number, slot: number): bigint | number {
  let sum: bigint | number = f.encoding === 'float' ? 0 : 0n;
  for (let c = 0; c < cpus; c++) {
    const v = readField(bytes, base + c * slot, f);
    sum = typeof v === 'bigint' && typeof sum === 'bigint' ? sum + v : Number(sum) + Number(v);
  }
  return sum;
}
