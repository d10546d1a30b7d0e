// Whether an object's id is still allocated, asked without taking a reference on the object.
// Opening it by id would take one: closing that fd drops the map's last user reference again, which for
// a prog_array schedules a deferred clear that holds the map for a while, so looking would keep it alive.
import { ERRNO } from '../../../shared/errors.js';

import { nextId } from './commands.js';
import { SyscallError } from './sys.js';

/** Ids come from idr_alloc_cyclic(1, INT_MAX). */
const MAX_ID = 0x7ffffffe;

/** True while `id` is allocated: *_GET_NEXT_ID from id - 1 answers id itself. */
export function idAllocated(nextIdCmd: number, id: number): boolean {
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) return false;
  try {
    return nextId(nextIdCmd, id - 1) === id;
  } catch (e) {
    if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) return false;
    throw e;
  }
}
