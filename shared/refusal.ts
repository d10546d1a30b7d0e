// The one way both engines word a refusal, `op "path": text (CODE).`, so the same refusal reads the same on
// either; and the rule both follow when an open may have hit a link.
import type { Access } from './engine.js';
import { ERRNO_TEXT } from './errno-text.js';
import { BpfError, ERRNO, type ErrnoCode } from './errors.js';

/** `op "path": text (CODE).` — path left out when empty; text defaults to what the errno means. */
export function refusalMessage(code: ErrnoCode, op: string, path?: string, text?: string): string {
  const where = path === undefined || path === '' ? '' : ` "${path}"`;
  return `${op}${where}: ${text ?? ERRNO_TEXT[code] ?? 'failed'} (${code}).`;
}

/** A BpfError worded by refusalMessage; `detail` (what exactly was wrong) follows the sentence. */
export function refusal(
  code: ErrnoCode,
  op: string,
  opts: { path?: string | undefined; text?: string; detail?: string; hint?: string; log?: string } = {},
): BpfError {
  const head = refusalMessage(code, op, opts.path, opts.text);
  return new BpfError(code, opts.detail ? `${head} ${opts.detail}` : head, {
    path: opts.path,
    hint: opts.hint,
    log: opts.log,
  });
}

/** BPF_OBJ_GET of a link takes no open flags: any access but read-write is EINVAL. */
export const linkRefusesAccess = (access: Access): boolean => access !== 'rw';

/** The access to retry an open with when it failed with `errno`: a link answers EINVAL to a read-only open. */
export const linkRetryAccess = (errno: number, access: Access): Access | undefined =>
  errno === ERRNO.EINVAL && linkRefusesAccess(access) ? 'rw' : undefined;
