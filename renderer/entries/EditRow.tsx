// Edit one entry's value (a numeric field typed as a number, or the whole value as hex), insert a new entry, or
// delete one, with the update flag the user chooses; the kernel's errno shows here when it refuses.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { bytesToHex } from '../../shared/bpf/hex.js';
import { isBpfError } from '../../shared/errors.js';
import type { FieldRef } from '../../shared/fields.js';

import { useAppStore } from '../store/context.js';
import type { EditAccess, UpdateFlag } from '../store/entry-edits-slice.js';
import type { ViewCodec } from './codec.js';
import type { RowView } from './decode-row.js';
import { fieldText } from './numbers.js';
import { partBytes, writeField } from './value-input.js';

interface Target {
  id: string;
  label: string;
  field: FieldRef;
  base: number;
}

function targets(codec: ViewCodec): Target[] {
  const fields = codec.value.fields;
  if (!codec.perCpu) return fields.map((f) => ({ id: f.path, label: f.path, field: f, base: 0 }));
  const { cpus, slot } = codec.perCpu;
  return Array.from({ length: cpus }, (_, c) =>
    fields.map((f) => ({ id: `cpu${c}.${f.path}`, label: `cpu${c} ${f.path}`, field: f, base: c * slot })),
  ).flat();
}

export interface EditRowProps {
  path: string;
  codec: ViewCodec;
  /** Wire value size (per-CPU: every CPU's slot). */
  valueSize: number;
  /** The row to edit, or null to insert a new entry. */
  row: RowView | null;
  onDone(): void;
}

export function EditRow({ path, codec, valueSize, row, onDone }: EditRowProps) {
  const { editEntry, insertEntry, deleteEntry } = useAppStore(
    useShallow((s) => ({ editEntry: s.editEntry, insertEntry: s.insertEntry, deleteEntry: s.deleteEntry })),
  );
  const all = targets(codec);
  const [target, setTarget] = useState(row && all[0] ? all[0].id : 'hex');
  const [flag, setFlag] = useState<UpdateFlag>(row ? 'exist' : 'noexist');
  const [access, setAccess] = useState<EditAccess>('rw');
  const [keyText, setKeyText] = useState('');
  const chosen = all.find((t) => t.id === target);
  const initial = (id: string): string => {
    const t = all.find((x) => x.id === id);
    if (!row) return '';
    return t ? fieldText(row.valueBytes, t.base, t.field) : bytesToHex(row.valueBytes);
  };
  const [valueText, setValueText] = useState(initial(target));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await action();
      setError(null);
      onDone();
    } catch (e) {
      setError(isBpfError(e) ? `${e.code}: ${e.message}${e.hint ? ` ${e.hint}` : ''}` : String(e));
    } finally {
      setBusy(false);
    }
  };
  const valueHex = (): string => {
    if (!chosen || !row) return partBytes(valueText, codec.value, valueSize);
    const bytes = row.valueBytes.slice();
    writeField(bytes, chosen.base, chosen.field, valueText);
    return bytesToHex(bytes);
  };
  const save = () =>
    run(() => {
      if (row) return editEntry(path, bytesToHex(row.keyBytes), valueHex(), flag, access);
      return insertEntry(path, partBytes(keyText, codec.key, codec.key.size), valueHex(), flag, access);
    });

  return (
    <form
      className="edit-row"
      aria-label={row ? 'Edit entry' : 'Insert entry'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{row ? `Edit ${row.key.text}` : 'Insert an entry'}</h4>
      {!row && (
        <label>
          Key{' '}
          <input
            aria-label="New key"
            value={keyText}
            onChange={(e) => setKeyText(e.target.value)}
            placeholder={`${codec.key.size * 2} hex digits${codec.key.fields.length === 1 ? ' or a number' : ''}`}
          />
        </label>
      )}
      {row && (
        <label>
          Field{' '}
          <select
            aria-label="Field to edit"
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setValueText(initial(e.target.value));
            }}
          >
            {all.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
            <option value="hex">whole value (hex)</option>
          </select>
        </label>
      )}
      <label>
        Value{' '}
        <input
          aria-label="New value"
          value={valueText}
          onChange={(e) => setValueText(e.target.value)}
          placeholder={`${valueSize * 2} hex digits`}
        />
      </label>
      <label>
        Flag{' '}
        <select aria-label="Update flag" value={flag} onChange={(e) => setFlag(e.target.value as UpdateFlag)}>
          <option value="any">any (BPF_ANY)</option>
          <option value="noexist">noexist (BPF_NOEXIST)</option>
          <option value="exist">exist (BPF_EXIST)</option>
        </select>
      </label>
      <label>
        Open{' '}
        <select aria-label="Open the map" value={access} onChange={(e) => setAccess(e.target.value as EditAccess)}>
          <option value="rw">read-write</option>
          <option value="ro">read-only</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {row ? 'Save' : 'Insert'}
      </button>
      {row && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => deleteEntry(path, bytesToHex(row.keyBytes), access))}
        >
          Delete
        </button>
      )}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <p role="alert" className="edit-error">
          {error}
        </p>
      )}
    </form>
  );
}
