// Paths are relative to the bpffs mount root ("" is the root, "tc/globals/m" a pin). These checks run
// before any engine sees a path, so both engines refuse the same things the same way.
import { BpfError } from '../errors.js';

/** PATH_MAX: getname() refuses a path (or symlink body) of this many bytes or more, NUL included. */
export const PATH_MAX = 4096;

const utf8 = new TextEncoder();

/** Whether getname() refuses `path` as longer than PATH_MAX - 1 bytes (ENAMETOOLONG). */
export function pathTooLong(path: string): boolean {
  return path.length >= PATH_MAX / 3 && utf8.encode(path).length >= PATH_MAX;
}

/** Rejects what no engine may receive: NUL bytes, too long paths, absolute paths, '.' / '..' components. */
export function checkPath(path: string): string {
  if (path.includes('\0')) {
    throw new BpfError('EINVAL', 'The path contains a NUL byte.', { path, hint: 'Remove the NUL byte from the path.' });
  }
  if (pathTooLong(path)) {
    throw new BpfError('ENAMETOOLONG', `The path is ${utf8.encode(path).length} bytes; at most 4095 are allowed.`, {
      path: `${path.slice(0, 64)}…`,
    });
  }
  if (path.startsWith('/')) {
    throw new BpfError('EXDEV', `"${path}" is absolute; paths are relative to the bpffs mount root.`, { path });
  }
  const parts = path === '' ? [] : path.split('/');
  if (parts.some((p) => p === '..')) {
    throw new BpfError('EXDEV', `"${path}" leads outside the bpffs mount ('..' is not allowed).`, { path });
  }
  if (parts.some((p) => p === '.')) {
    throw new BpfError('EINVAL', `"${path}" has a '.' component; write the path without it.`, { path });
  }
  return path;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * Why the kernel would refuse `name` as a new bpffs entry, or undefined when it is acceptable.
 * A dot gives EPERM (checked before the length), more than 255 bytes ENAMETOOLONG. bpf_lookup lets
 * dotted names through in a folder whose mode has no bits at all (`dirMode` & 07777 is 0).
 */
export function bpffsNameProblem(
  name: string,
  dirMode = 0o777,
): { code: 'EPERM' | 'ENAMETOOLONG' | 'EINVAL' | 'ENOENT'; message: string } | undefined {
  if (name === '') return { code: 'ENOENT', message: 'The name is empty.' };
  if (name.includes('/')) return { code: 'EINVAL', message: 'A name cannot contain "/".' };
  if (name.includes('\0')) return { code: 'EINVAL', message: 'A name cannot contain a NUL byte.' };
  if (name.includes('.') && dirMode & 0o7777)
    return { code: 'EPERM', message: 'bpffs refuses names that contain a dot (EPERM).' };
  if (utf8.encode(name).length > 255)
    return { code: 'ENAMETOOLONG', message: 'Names are at most 255 bytes (ENAMETOOLONG).' };
  return undefined;
}

/** Why the kernel would refuse a map or program name (BPF_OBJ_NAME_LEN 16): EINVAL, or undefined. */
export function objectNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9_.]*$/.test(name)) return 'Object names may only contain letters, digits, "_" and "." (EINVAL).';
  if (name.length > 15) return 'Object names are at most 15 characters (EINVAL).';
  return undefined;
}
