// Tracked series for the chart: one point per refresh (time, value), the last SERIES_POINTS kept.
import { isBpfError } from '../../shared/errors.js';
import { type MapViewSeriesPoints, SERIES_POINTS, type TrackSpec } from '../../shared/mapview.js';

import { keyIdFn } from './diff.js';
import { fieldReader, type PackedRows } from './numeric.js';
import type { PerCpu } from './order.js';
import type { Slicer } from './slicer.js';

class Ring {
  private readonly times = new Float64Array(SERIES_POINTS);
  private readonly values = new Float64Array(SERIES_POINTS);
  private next = 0;
  private size = 0;

  push(time: number, value: number): void {
    this.times[this.next] = time;
    this.values[this.next] = value;
    this.next = (this.next + 1) % SERIES_POINTS;
    this.size = Math.min(this.size + 1, SERIES_POINTS);
  }

  points(id: string): MapViewSeriesPoints {
    const times = new Float64Array(this.size);
    const values = new Float64Array(this.size);
    const start = (this.next - this.size + SERIES_POINTS) % SERIES_POINTS;
    for (let i = 0; i < this.size; i++) {
      times[i] = this.times[(start + i) % SERIES_POINTS] as number;
      values[i] = this.values[(start + i) % SERIES_POINTS] as number;
    }
    return { id, times, values };
  }
}

function keyBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export class SeriesSet {
  private specs: TrackSpec[] = [];
  private readonly rings = new Map<string, Ring>();

  configure(specs: TrackSpec[]): void {
    const keep = new Set(specs.map((s) => JSON.stringify(s)));
    for (const s of this.specs) if (!keep.has(JSON.stringify(s))) this.rings.delete(s.id);
    this.specs = specs;
    for (const s of specs) if (!this.rings.has(s.id)) this.rings.set(s.id, new Ring());
  }

  /** Records one point per series for this snapshot; an entry that is absent records NaN (a gap). */
  async record(rows: PackedRows, time: number, perCpu: PerCpu | null, slicer: Slicer): Promise<void> {
    for (const spec of this.specs) {
      const read = fieldReader(rows, spec.field, perCpu, spec.cpu);
      let value = Number.NaN;
      if (spec.mode === 'sum') {
        value = 0;
        for (let i = 0; i < rows.count; i++) {
          const v = read(i);
          if (!Number.isNaN(v)) value += v;
          if (slicer.due()) await slicer.pause();
        }
      } else {
        const want = keyIdFn({ ...rows, count: 1, keys: keyBytes(spec.key) })(0);
        const id = keyIdFn(rows);
        for (let i = 0; i < rows.count; i++) {
          if (id(i) === want) {
            value = read(i);
            break;
          }
          if (slicer.due()) await slicer.pause();
        }
      }
      this.rings.get(spec.id)?.push(time, value);
    }
  }

  /** Records one point per entry series from a lookup of its key (null: gone); sum series wait for a full read. */
  async recordEntries(
    lookup: (key: Uint8Array) => Promise<Uint8Array>,
    shape: PackedRows,
    time: number,
    perCpu: PerCpu | null,
  ): Promise<void> {
    for (const spec of this.specs) {
      if (spec.mode !== 'entry') continue;
      const keys = keyBytes(spec.key);
      const value = await lookup(keys).catch((e: unknown) => {
        if (isBpfError(e) && e.code === 'ENOENT') return null;
        throw e;
      });
      const one: PackedRows = { ...shape, count: 1, keys, values: value ?? new Uint8Array(shape.valueSize) };
      this.rings.get(spec.id)?.push(time, value ? fieldReader(one, spec.field, perCpu, spec.cpu)(0) : Number.NaN);
    }
  }

  points(): MapViewSeriesPoints[] {
    return this.specs.map((s) => (this.rings.get(s.id) ?? new Ring()).points(s.id));
  }
}
