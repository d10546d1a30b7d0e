// Which columns the table shows: every field of the key and value (hidden ones too), and the flow column.
import { useState } from 'react';

import type { ViewColumn } from './view-columns.js';

export function ColumnChooser({
  columns,
  setHidden,
}: {
  columns: ViewColumn[];
  setHidden(col: ViewColumn, hidden: boolean): void;
}) {
  const [open, setOpen] = useState(false);
  const hidden = columns.filter((c) => c.hidden).length;
  return (
    <div className="column-chooser">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns{hidden > 0 ? ` (${hidden} hidden)` : ''}
      </button>
      {open && (
        <fieldset className="column-list">
          <legend className="sr-only">Columns</legend>
          {columns.map((c) => (
            <label key={c.id} title={c.title}>
              <input type="checkbox" checked={!c.hidden} onChange={(e) => setHidden(c, !e.target.checked)} /> {c.part}.
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
