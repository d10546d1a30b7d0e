// Export of the view as it is filtered and sorted: decoded text and hex of every row, as CSV or JSON. Views up
// to DECODED_EXPORT_LIMIT rows are fetched in windows and decoded here; bigger ones are exported by main (hex
// and integer readings) so the renderer never holds a million decoded rows.
import type { ApiClient } from '../../shared/contract.js';
import { MAX_WINDOW_ROWS } from '../../shared/mapview.js';

import type { ViewCodec } from '../entries/codec.js';
import { decodeRow } from '../entries/decode-row.js';

export const DECODED_EXPORT_LIMIT = 200_000;

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const noSpaces = (hex: string): string => hex.replace(/ /g, '');

export async function exportText(
  api: Pick<ApiClient, 'mapViewExport' | 'mapViewWindow'>,
  view: number,
  codec: ViewCodec,
  format: 'csv' | 'json',
  total: number,
): Promise<string> {
  if (total > DECODED_EXPORT_LIMIT) return api.mapViewExport({ view, format });
  const records: Record<string, string>[] = [];
  for (let offset = 0; offset < total; offset += MAX_WINDOW_ROWS) {
    const w = await api.mapViewWindow({ view, offset, count: Math.min(MAX_WINDOW_ROWS, total - offset) });
    for (let i = 0; i < w.count; i++) {
      const r = decodeRow(w, i, codec);
      const rec: Record<string, string> = { key: r.key.text, key_hex: noSpaces(r.key.hex) };
      if (codec.perCpu) {
        r.values.slice(0, -1).forEach((c, cpu) => {
          rec[`cpu${cpu}`] = c.text;
        });
        rec.sum = r.values[r.values.length - 1]!.text;
      } else {
        rec.value = r.values[0]!.text;
      }
      rec.value_hex = noSpaces(r.values[r.values.length - 1]!.hex);
      records.push(rec);
    }
    if (w.count === 0) break;
  }
  if (format === 'json') return JSON.stringify(records, null, 2);
  const cols = records[0] ? Object.keys(records[0]) : ['key', 'key_hex', 'value', 'value_hex'];
  return `${[cols.join(','), ...records.map((r) => cols.map((c) => csvCell(r[c] ?? '')).join(','))].join('\n')}\n`;
}
