// How to read a key or value that has no BTF: a preset (hex, integers with sign and endianness, IPv4, IPv6,
// MAC, ASCII) or a custom layout typed as text, checked as you type. The parent remembers it per map path.
import { useState } from 'react';

import { checkLayout, FIXED_SIZE } from '../../shared/layouts/index.js';

const PRESETS = ['hex', 'u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64', 'ipv4', 'ipv6', 'mac', 'ascii'] as const;

/** The layout text of a preset for `size` bytes: the type repeated to cover it, or an error. */
export function presetText(preset: string, endian: 'le' | 'be', size: number): { text: string } | { error: string } {
  if (preset === 'hex' || preset === 'ascii') return { text: `${preset} ${size}` };
  const unit = FIXED_SIZE[preset];
  if (!unit) return { error: `Unknown preset "${preset}".` };
  if (size % unit !== 0)
    return { error: `${size} bytes do not split into ${preset} (${unit} bytes each); type a custom layout.` };
  const one = preset.startsWith('u') || preset.startsWith('i') ? (endian === 'be' ? `${preset} be` : preset) : preset;
  return { text: Array.from({ length: size / unit }, () => one).join(', ') };
}

export interface LayoutPickerProps {
  part: 'key' | 'value';
  size: number;
  text: string;
  onChange(text: string): void;
}

export function LayoutPicker({ part, size, text, onChange }: LayoutPickerProps) {
  const [draft, setDraft] = useState(text);
  const [endian, setEndian] = useState<'le' | 'be'>(/\bbe\b/.test(text) ? 'be' : 'le');
  const [presetError, setPresetError] = useState<string | null>(null);
  const checked = checkLayout(draft, size, part);
  const error = presetError ?? ('error' in checked ? checked.error : null);

  const edit = (next: string): void => {
    setDraft(next);
    setPresetError(null);
    if ('layout' in checkLayout(next, size, part)) onChange(next);
  };
  const pick = (preset: string, e: 'le' | 'be'): void => {
    if (preset === '') return;
    const r = presetText(preset, e, size);
    if ('error' in r) setPresetError(r.error);
    else edit(r.text);
  };
  const current = PRESETS.find((p) => draft.split(',')[0]?.trim().split(' ')[0] === p) ?? '';

  return (
    <fieldset className="layout-picker">
      <legend>
        {part === 'key' ? 'Key' : 'Value'} layout ({size} bytes, no BTF)
      </legend>
      <select aria-label={`${part} layout preset`} value={current} onChange={(e) => pick(e.target.value, endian)}>
        <option value="">custom</option>
        {PRESETS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <select
        aria-label={`${part} byte order`}
        value={endian}
        onChange={(e) => {
          const next = e.target.value as 'le' | 'be';
          setEndian(next);
          if (current) pick(current, next);
        }}
      >
        <option value="le">little-endian</option>
        <option value="be">big-endian</option>
      </select>
      <input
        type="text"
        aria-label={`${part} layout`}
        value={draft}
        aria-invalid={error !== null}
        onChange={(e) => edit(e.target.value)}
        spellCheck={false}
      />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
