// Program details: the run counters as label/value rows. Tag, sizes, load time, uid and verified
// instructions are already in the info table above, so they are not repeated here.
import type { ProgDetails } from '../../shared/contract.js';

import type { InfoRow } from './info-rows.js';

const count = (n: number): string => n.toLocaleString('en-US');

export function progRows(d: ProgDetails): InfoRow[] {
  const avg = d.runCnt > 0 ? `${count(Math.round(d.runTimeNs / d.runCnt))} ns` : '—';
  return [
    ['Run count', count(d.runCnt)],
    ['Run time', `${count(d.runTimeNs)} ns`],
    ['Average per run', avg],
  ];
}

export function runRate(perSecond: number | null): string {
  if (perSecond === null) return 'Measuring the run rate…';
  return `${count(Math.round(perSecond))} runs/s`;
}
