// Which access a handle needs to be pinned again (BPF_OBJ_PIN works on any fd of the object).
import type { Access, ObjectKind } from '../engine.js';

/**
 * Maps open read-only, so that a pin mode without write permission is enough; a program ignores the mode flags
 * and a link refuses read-only and write-only (EINVAL), so both open read-write.
 */
export function accessToPin(kind: ObjectKind): Access {
  return kind === 'map' ? 'ro' : 'rw';
}

const F_RDONLY = 1 << 3;
const F_WRONLY = 1 << 4;
const F_PATH_FD = 1 << 14;

/**
 * bpf_obj_get / bpf_get_file_flag: the access raw file_flags ask for, or undefined where the kernel answers EINVAL
 * (a bit other than RDONLY, WRONLY and PATH_FD, or RDONLY with WRONLY), before it looks at the path.
 */
export function objGetAccess(fileFlags: number): Access | undefined {
  if (fileFlags & ~(F_RDONLY | F_WRONLY | F_PATH_FD)) return undefined;
  if (fileFlags & F_RDONLY && fileFlags & F_WRONLY) return undefined;
  return fileFlags & F_RDONLY ? 'ro' : fileFlags & F_WRONLY ? 'wo' : 'rw';
}
