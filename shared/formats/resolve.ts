// Columns with their formats: the user's choice where there is one (and it fits the leaf), else the inferred one.
import { inferFormat } from './infer.js';
import { type ColumnSource, columnId, type FormatChoice, type FormattedColumn, formatsFor } from './types.js';

export function formatColumn(c: ColumnSource, choice?: FormatChoice): FormattedColumn {
  const inferred = inferFormat(c);
  const allowed = formatsFor(c);
  const format = choice?.format && allowed.includes(choice.format) ? choice.format : inferred.format;
  const chosen = format !== inferred.format || (choice?.endian !== undefined && choice.endian !== c.endian);
  // An inferred byte order belongs to the inferred format; a chosen format reads in the declared order.
  const implied = format === inferred.format ? (inferred.endian ?? c.endian) : c.endian;
  const readEndian = c.bits || c.size === 1 ? 'le' : (choice?.endian ?? implied);
  return { ...c, id: columnId(c.part, c.path), format, readEndian, chosen };
}

export function formatColumns(cols: ColumnSource[], choices: Readonly<Record<string, FormatChoice>> = {}) {
  return cols.map((c) => formatColumn(c, choices[columnId(c.part, c.path)]));
}
