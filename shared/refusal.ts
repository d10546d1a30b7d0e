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

/** How both engines name each operation at the head of a refusal. */
export const OP = {
  list: 'List',
  stat: 'Stat',
  mkdir: 'Create folder',
  chmod: 'Change mode',
  chown: 'Change owner',
  rmdir: 'Remove folder',
  rename: 'Rename',
  link: 'Link',
  symlink: 'Symlink',
  unlink: 'Unlink',
  pin: 'Pin',
  get: 'Get',
  close: 'Close',
  info: 'Info',
  lookup: 'Lookup',
  update: 'Update',
  delete: 'Delete',
  nextKey: 'Next key',
  lookupAndDelete: 'Lookup and delete',
  freeze: 'Freeze',
  loadProgram: 'Load program',
  openMount: 'Open mount',
  readInstructions: 'Read instructions',
} as const;
/** The batch commands' names, by the op of a batch request. */
export const BATCH_OP = {
  lookup: 'Batch lookup',
  lookup_and_delete: 'Batch lookup and delete',
  update: 'Batch update',
  delete: 'Batch delete',
} as const;
export const createMapOp = (type: string): string => `Create ${type} map`;
export const openByIdOp = (kind: string, id: number): string => `Open ${kind} ${id}`;

/**
 * What was wrong with an argument, for the checks both engines make before any syscall: the refusal's detail.
 * A refusal the kernel decides has none, since the native engine learns only the errno.
 */
export const ARGUMENT_PROBLEM = {
  handleClosed: (handle: number) => `Handle ${handle} is not open.`,
  notAMap: (handle: number, kind: string) => `Handle ${handle} is a ${kind}, not a map.`,
  noKey: (type: string) => `This ${type} map has no keys: pass no key.`,
  keySize: (type: string, want: number, got: number | null) =>
    `The key has ${got === null ? 'no' : got} bytes; this ${type} map takes a key of ${want} bytes.`,
  valueSize: (type: string, want: number, got: number) => `The value has ${got} bytes; this ${type} map takes ${want}.`,
  valueHandle: (type: string) => `The value must be a handle for a ${type} map (pick the object to store).`,
  valueBytes: (type: string) => `The value must be bytes for a ${type} map, not a handle.`,
  insnBytes: (bytes: number) => `The program has ${bytes} bytes; instructions are 8 bytes each.`,
  renameFlags: 'RENAME_NOREPLACE and RENAME_EXCHANGE cannot be combined.',
  symlinkNul: 'The symlink target contains a NUL byte.',
  mountRoot: 'The mount root cannot be removed.',
  openByIdAccess: (kind: string) => `A ${kind} can only be opened by id read-write.`,
  notAProgram: (handle: number, kind: string) => `Handle ${handle} is a ${kind}, not a program.`,
  mountGone: (id: string) => `The bpffs mount ${id} is gone.`,
} as const;

/** The hint of a program the verifier refused, whose words follow the refusal's sentence. */
export const VERIFIER_HINT = 'Fix the instructions the verifier points at (last lines of its log above).';

const worded = new WeakSet<BpfError>();

/** Whether `e` was built by refusal(), so it already reads the way both engines word one. */
export const isWorded = (e: BpfError): boolean => worded.has(e);

/** A BpfError worded by refusalMessage; `detail` (what exactly was wrong) follows the sentence. */
export function refusal(
  code: ErrnoCode,
  op: string,
  opts: { path?: string | undefined; text?: string; detail?: string; hint?: string; log?: string } = {},
): BpfError {
  const head = refusalMessage(code, op, opts.path, opts.text);
  const e = new BpfError(code, opts.detail ? `${head} ${opts.detail}` : head, {
    path: opts.path,
    hint: opts.hint,
    log: opts.log,
  });
  worded.add(e);
  return e;
}

/** BPF_OBJ_GET of a link takes no open flags: any access but read-write is EINVAL. */
export const linkRefusesAccess = (access: Access): boolean => access !== 'rw';

/** The access to retry an open with when it failed with `errno`: a link answers EINVAL to a read-only open. */
export const linkRetryAccess = (errno: number, access: Access): Access | undefined =>
  errno === ERRNO.EINVAL && linkRefusesAccess(access) ? 'rw' : undefined;
