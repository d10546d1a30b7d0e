// Inline checks that follow the kernel's rules, so a dialog can say which errno a value would get.
import { bpffsNameProblem, checkPath, objectNameProblem, splitPath } from '../../shared/bpf/paths.js';
import { isBpfError } from '../../shared/errors.js';

export interface Problem {
  code: string;
  message: string;
}

/** Drops the trailing "(EPERM)." the shared messages carry, since the dialog shows the code itself. */
const tidy = (message: string): string => message.replace(/\s*\(E[A-Z0-9]+\)\.?$/, '.');

export function nameProblem(name: string): Problem | undefined {
  const p = bpffsNameProblem(name);
  return p ? { code: p.code, message: tidy(p.message) } : undefined;
}

export function objectNameFieldProblem(name: string): Problem | undefined {
  const p = objectNameProblem(name);
  return p ? { code: 'EINVAL', message: tidy(p) } : undefined;
}

/** A path to create a node at: every component must be a valid bpffs name. */
export function newPathProblem(path: string): Problem | undefined {
  try {
    checkPath(path);
  } catch (err) {
    if (isBpfError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  if (path === '' || path.endsWith('/')) return { code: 'ENOENT', message: 'The path must end with a name.' };
  for (const part of splitPath(path)) {
    const p = nameProblem(part);
    if (p) return p;
  }
  return undefined;
}

/** A path to open: the same rules, plus the root is a folder (EACCES). */
export function existingPathProblem(path: string): Problem | undefined {
  if (path === '') return { code: 'EACCES', message: 'The mount root is a folder; choose a pinned object.' };
  return newPathProblem(path);
}

/** A whole number in 0..2^32-1, written in decimal (or 0x hex). */
export function parseU32(text: string): number | undefined {
  const t = text.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) && n <= 0xffffffff ? n : undefined;
}

export const notANumber: Problem = { code: 'EINVAL', message: 'Enter a whole number from 0 to 4294967295.' };

/** The optional "Pin at" field: empty means keep only the handle. */
export function pinAtProblem(path: string): Problem | undefined {
  if (path === '') return undefined;
  if (path.endsWith('/'))
    return { code: 'ENOENT', message: 'Add a name after the folder, or clear the field to keep only the handle.' };
  return newPathProblem(path);
}
