// Filter and sort controls of the entries view; both are applied in main (mapViewConfigure). The filter text is
// the view's (column menus add clauses to it); sorting is also a click on a column header.
import type { SortSpec } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';
import { allFields, fieldId } from './filter-parse.js';
import { sameSortTarget, sortedColumn, type ViewColumn } from './view-columns.js';

export interface FilterBarProps {
  codec: ViewCodec;
  columns: ViewColumn[];
  sort: SortSpec | null;
  text: string;
  error: string | null;
  setText(text: string): void;
  /** Applies the text; resolves once main has the filter. */
  apply(text: string): void;
  applySort(sort: SortSpec | null): void;
}

export function FilterBar({ codec, columns, sort, text, error, setText, apply, applySort }: FilterBarProps) {
  const sortable = columns.filter((c) => c.field && c.sort('asc') !== null);
  // Array elements and other numeric leaves that have no column of their own.
  const extra = allFields(codec).filter(
    (f) =>
      !sortable.some((c) => {
        const s = c.sort('asc');
        return s !== null && sameSortTarget(s, { by: 'field', field: f, dir: 'asc' });
      }),
  );
  const current = sortedColumn(sortable, sort);
  const sortValue =
    sort === null
      ? ''
      : sort.by === 'key'
        ? 'key'
        : (current?.id ?? (sort.by === 'field' ? `field:${fieldId(sort.field)}` : ''));

  const pickSort = (id: string, dir: 'asc' | 'desc'): void => {
    if (id === '') return applySort(null);
    if (id === 'key') return applySort({ by: 'key', dir });
    const col = sortable.find((c) => c.id === id);
    if (col) return applySort(col.sort(dir));
    const field = extra.find((f) => `field:${fieldId(f)}` === id);
    if (field)
      applySort({
        by: 'field',
        field,
        dir,
        ...(field.part === 'value' && codec.perCpu ? { cpu: 'sum' as const } : {}),
      });
  };

  return (
    <div className="entries-filter">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply(text);
        }}
        role="search"
      >
        <label>
          Filter{' '}
          <input
            type="text"
            value={text}
            placeholder="proto = tcp && daddr in 10.0.0.0/8 · last_seen < 5s · ^0a00"
            aria-label="Filter entries"
            aria-invalid={error !== null}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">Apply</button>
        {text !== '' && (
          <button
            type="button"
            onClick={() => {
              setText('');
              apply('');
            }}
          >
            Clear
          </button>
        )}
      </form>
      <label>
        Sort by{' '}
        <select aria-label="Sort by" value={sortValue} onChange={(e) => pickSort(e.target.value, sort?.dir ?? 'asc')}>
          <option value="">map order</option>
          <option value="key">key bytes</option>
          {sortable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.part}.{c.label}
            </option>
          ))}
          {extra.map((f) => (
            <option key={fieldId(f)} value={`field:${fieldId(f)}`}>
              {f.part}.{f.path}
            </option>
          ))}
        </select>
      </label>
      <select
        aria-label="Sort direction"
        value={sort?.dir ?? 'asc'}
        disabled={sort === null}
        onChange={(e) => pickSort(sortValue, e.target.value as 'asc' | 'desc')}
      >
        <option value="asc">ascending</option>
        <option value="desc">descending</option>
      </select>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
