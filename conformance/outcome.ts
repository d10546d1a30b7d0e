// What one operation produced, in a form that compares across engines: a JSON value or an errno name.
import { errnoName, isBpfError } from '../shared/errors.js';

/** `crash` is anything other than a BpfError: an engine bug, and never equal to anything. */
export type Outcome = { ok: unknown } | { errno: string } | { crash: string };

export function okOutcome(value: unknown = null): Outcome {
  return { ok: value };
}

export function errorOutcome(e: unknown): Outcome {
  if (isBpfError(e)) return { errno: e.errno === 524 ? 'ENOTSUPP' : (e.code ?? errnoName(e.errno)) };
  return { crash: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('crash' in a || 'crash' in b) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so field order never makes two outcomes differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
      );
    }
    return v;
  });
}

export function formatOutcome(o: Outcome): string {
  return canonicalJson(o);
}
