// program details (issue 5 §3): the program's counters as label/value rows.
import type { ProgDetails } from '../../shared/contract.js';
import type { InfoRow } from './info-rows.js';

const count = (n: number): string => n.toLocaleString('en-US');

export function progRows(d: ProgDetails): InfoRow[] {
  const avg = d.runCnt > 0 ? `${count(Math.round(d.runTimeNs / d.runCnt))} ns` : '—';
  return [
    ['Tag', d.tag],
    ['JITed size', `${count(d.jitedLen)} bytes`],
    ['Loaded at', new Date(d.loadedAt).toISOString()],
    ['Loaded by', `uid ${d.createdByUid}`],
    ['Verified instructions', count(d.verifiedInsns)],
    ['Run count', count(d.runCnt)],
    ['Run time', `${count(d.runTimeNs)} ns`],
    ['Average per run', avg],
  ];
}

export function runRate(perSecond: number | null): string {
  if (perSecond === null) return 'Measuring the run rate…';
  return `${count(Math.round(perSecond))} runs/s`;
}
