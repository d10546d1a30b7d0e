// A labelled input with its kernel-rule problem shown next to it.

import type { ReactNode } from 'react';
import { useId } from 'react';

import type { Problem } from './validation.js';

export function ProblemText({ id, problem }: { id: string; problem: Problem | undefined }) {
  if (!problem) return null;
  return (
    <span id={id} className="field-problem">
      <strong className="errno">{problem.code}</strong> {problem.message}
    </span>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  problem?: Problem | undefined;
  placeholder?: string;
  monospace?: boolean;
}

export function TextField({ label, value, onChange, problem, placeholder, monospace }: TextFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        className={monospace ? 'mono' : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <ProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}

export interface SelectFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
  problem?: Problem | undefined;
}

export function SelectField({ label, value, onChange, children, problem }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      >
        {children}
      </select>
      <ProblemText id={`${id}-problem`} problem={problem} />
    </div>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
}) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
