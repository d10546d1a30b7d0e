// Which access a handle needs to be pinned again (BPF_OBJ_PIN works on any fd of the object).
import type { Access, ObjectKind } from '../engine.js';

/**
 * Maps open read-only, so that a pin mode without write permission is enough; a program ignores the mode flags
 * and a link refuses read-only and write-only (EINVAL), so both open read-write.
 */
export function accessToPin(kind: ObjectKind): Access {
  return kind === 'map' ? 'ro' : 'rw';
}
