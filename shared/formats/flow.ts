// A flow tuple among a part's columns (source and destination addresses, ports, protocol), read as one line the
// way conntrack prints it: "10.0.0.28:443 → 10.0.1.7:51514 tcp".
import { cellText } from './render.js';
import type { Clock, FormattedColumn } from './types.js';

export interface FlowColumns {
  src: FormattedColumn;
  dst: FormattedColumn;
  sport?: FormattedColumn;
  dport?: FormattedColumn;
  proto?: FormattedColumn;
}

const SRC = /^(s|src_?|source_?|orig_?src_?|local_?)(addr|ip|ip4|ip6|address)?$|^(ip_?)?src$/;
const DST = /^(d|dst_?|dest_?|destination_?|orig_?dst_?|remote_?)(addr|ip|ip4|ip6|address)?$|^(ip_?)?dst$/;
const SPORT = /^(s|src_?|source_?|local_?)port$|^source$/;
const DPORT = /^(d|dst_?|dest_?|remote_?)port$|^dest$/;

/** The tuple of one part (the key, usually), when it has a source and a destination address. */
export function findFlow(columns: FormattedColumn[]): FlowColumns | null {
  const by = (re: RegExp, formats: string[]) =>
    columns.find((c) => formats.includes(c.format) && re.test(c.name.toLowerCase()));
  const src = by(SRC, ['ipv4', 'ipv6']);
  const dst = by(DST, ['ipv4', 'ipv6']);
  if (!src || !dst || src.format !== dst.format) return null;
  const sport = by(SPORT, ['port']);
  const dport = by(DPORT, ['port']);
  const proto = columns.find((c) => c.format === 'proto');
  return { src, dst, ...(sport ? { sport } : {}), ...(dport ? { dport } : {}), ...(proto ? { proto } : {}) };
}

/** The members of a flow, to hide when the flow is shown as one column. */
export function flowMembers(f: FlowColumns): FormattedColumn[] {
  return [f.src, f.dst, f.sport, f.dport, f.proto].filter((c): c is FormattedColumn => c !== undefined);
}

export function flowText(f: FlowColumns, bytes: Uint8Array, base: number, clock: Clock | null): string {
  const text = (c: FormattedColumn) => cellText(c, bytes, base, clock).text;
  const end = (addr: FormattedColumn, port?: FormattedColumn): string => {
    // ICMP and other port-less protocols carry 0 there: the address alone reads better.
    const p = port ? text(port) : '0';
    if (p === '0') return text(addr);
    return addr.format === 'ipv6' ? `[${text(addr)}]:${p}` : `${text(addr)}:${p}`;
  };
  const proto = f.proto ? ` ${text(f.proto)}` : '';
  return `${end(f.src, f.sport)} → ${end(f.dst, f.dport)}${proto}`;
}
