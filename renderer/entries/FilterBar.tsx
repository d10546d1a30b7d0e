// Filter and sort controls of the entries view; both are applied in main (mapViewConfigure).
import { useState } from 'react';

import type { FilterSpec, SortSpec } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';
import { allFields, fieldId, parseFilter } from './filter-parse.js';

export interface FilterBarProps {
  codec: ViewCodec;
  sort: SortSpec | null;
  applyFilter(filters: FilterSpec[]): Promise<void>;
  applySort(sort: SortSpec | null): Promise<void>;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function FilterBar({ codec, sort, applyFilter, applySort }: FilterBarProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fields = allFields(codec);
  const sortValue = sort === null ? '' : sort.by === 'key' ? 'key' : fieldId(sort.field);

  const submit = async (): Promise<void> => {
    const parsed = parseFilter(text, codec);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    try {
      await applyFilter(parsed.filters);
      setError(null);
    } catch (e) {
      setError(errText(e));
    }
  };

  const pickSort = (id: string, dir: 'asc' | 'desc'): void => {
    const field = fields.find((f) => fieldId(f) === id);
    const next: SortSpec | null =
      id === 'key'
        ? { by: 'key', dir }
        : field
          ? { by: 'field', field, dir, ...(field.part === 'value' && codec.perCpu ? { cpu: 'sum' as const } : {}) }
          : null;
    applySort(next).catch((e: unknown) => setError(errText(e)));
  };

  return (
    <div className="entries-filter">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        role="search"
      >
        <label>
          Filter{' '}
          <input
            type="text"
            value={text}
            placeholder="packets > 100 · ^0a00 · c0a8"
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
              setError(null);
              applyFilter([]).catch((e: unknown) => setError(errText(e)));
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
          {fields.map((f) => (
            <option key={fieldId(f)} value={fieldId(f)}>
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
