// A two-column label/value table.
import type { InfoRow } from './info-rows.js';

export function InfoTable({ label, rows }: { label: string; rows: InfoRow[] }) {
  return (
    <table className="info" aria-label={label}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
