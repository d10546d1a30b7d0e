// The first entries of a map: key and value(s) in hex and as little-endian integers.
import { hexToBytes } from '../../shared/bpf/hex.js';
import type { WireDump } from '../../shared/contract.js';
import type { MapInfo } from '../../shared/engine.js';
import type { WireError } from '../../shared/errors.js';
import { cell, isPerCpu, valueColumns } from './entry-format.js';
import type { Cell } from './entry-format.js';

const FD_MAPS = new Set(['prog_array', 'array_of_maps', 'hash_of_maps']);

function CellView({ c }: { c: Cell }) {
  return (
    <td>
      <code className="hex">{c.hex || '—'}</code>
      {c.ints && <div className="ints">{c.ints}</div>}
    </td>
  );
}

export function DumpErrorView({ error }: { error: WireError }) {
  return (
    <p className="dump-error">
      Entries cannot be listed ({error.code}): {error.message}
      {error.hint ? ` ${error.hint}` : ''}
    </p>
  );
}

export function MapEntriesTable({ info, dump }: { info: MapInfo; dump: WireDump }) {
  const cpus = isPerCpu(info) ? info.possibleCpus : 0;
  const valueHeads = cpus > 0 ? Array.from({ length: cpus }, (_, i) => `cpu${i}`) : [FD_MAPS.has(info.type) ? 'Value (object id)' : 'Value'];
  if (dump.entries.length === 0) return <p className="empty">The map has no entries.</p>;
  return (
    <>
      <table className="entries" aria-label="Map entries">
        <thead>
          <tr>
            <th scope="col">Key</th>
            {valueHeads.map((h) => <th key={h} scope="col">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {dump.entries.map((e, i) => (
            <tr key={`${i}:${e.key}`}>
              <CellView c={cell(hexToBytes(e.key) ?? new Uint8Array())} />
              {valueColumns(info, e.value).map((c, j) => <CellView key={j} c={c} />)}
            </tr>
          ))}
        </tbody>
      </table>
      {dump.truncated && <p className="note">Showing the first {dump.entries.length} entries.</p>}
    </>
  );
}
