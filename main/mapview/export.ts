// Export of a view's rows as text: hex key and value, plus the value's little-endian integer reading when it
// is 1, 2, 4 or 8 bytes (richer decoded exports are the renderer's, which knows the layout).
import type { MapViewWindow } from '../../shared/mapview.js';

const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

function leInt(b: Uint8Array): string {
  if (![1, 2, 4, 8].includes(b.length)) return '';
  let v = 0n;
  for (let k = b.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[k] as number);
  return v.toString();
}

export function exportRows(w: MapViewWindow, format: 'csv' | 'json'): string {
  const rows = Array.from({ length: w.count }, (_, i) => {
    const key = w.keys.subarray(i * w.keySize, (i + 1) * w.keySize);
    const value = w.values.subarray(i * w.valueSize, (i + 1) * w.valueSize);
    return { key: hexOf(key), value: hexOf(value), keyLe: leInt(key), valueLe: leInt(value) };
  });
  if (format === 'json') {
    return JSON.stringify(
      rows.map((r) => ({
        key: r.key,
        value: r.value,
        ...(r.keyLe ? { keyInt: r.keyLe } : {}),
        ...(r.valueLe ? { valueInt: r.valueLe } : {}),
      })),
      null,
      2,
    );
  }
  const lines = ['key,value,key_le,value_le', ...rows.map((r) => `${r.key},${r.value},${r.keyLe},${r.valueLe}`)];
  return `${lines.join('\n')}\n`;
}
