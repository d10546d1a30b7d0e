// Element operations on a map handle: argument checks (before any syscall), then the bpf(2) command.

import { UPDATE_FLAGS, type UpdateFlag } from '../../../shared/bpf/types.js';
import type { MapValue } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

import { CMD, elem, mapFreeze } from './commands.js';
import { wrap } from './errno.js';
import type { Handle, HandleTable, MapMeta } from './handles.js';

type MapHandle = Handle & { map: MapMeta };

/** The key as the kernel takes it: null for key-less maps (queue, stack, ringbuf), else exactly key_size bytes. */
export function keyBuffer(m: MapMeta, key: Uint8Array | null, what: string): Buffer | null {
  if (key === null || (key.length === 0 && m.keySize === 0)) {
    if (m.keySize === 0) return null;
    throw new BpfError('EINVAL', `${what}: this ${m.type} map needs a key of ${m.keySize} bytes.`);
  }
  if (key.length !== m.keySize) {
    const expected = m.keySize === 0 ? `no key (${m.type} maps have none)` : `a key of ${m.keySize} bytes`;
    throw new BpfError('EINVAL', `${what}: the key has ${key.length} bytes; this ${m.type} map takes ${expected}.`);
  }
  return Buffer.from(key);
}

/** The value as the kernel takes it: bytes of the wire size, or for fd-valued maps the fd of a handle. */
export function valueBuffer(m: MapMeta, value: MapValue, handles: HandleTable, what: string): Buffer {
  if (m.fdValued) {
    if (value instanceof Uint8Array) {
      throw new BpfError('EINVAL', `${what}: value must be a handle for a ${m.type} map (pick the object to store).`);
    }
    // A closed handle goes to the kernel as fd -1: FMODE_CAN_WRITE, flags and index come before its EBADF.
    const b = Buffer.alloc(4);
    b.writeInt32LE(handles.fdOrInvalid(value.handle), 0);
    return b;
  }
  if (!(value instanceof Uint8Array)) {
    throw new BpfError('EINVAL', `${what}: value must be bytes for a ${m.type} map, not a handle.`);
  }
  if (value.length !== m.wireValueSize) {
    throw new BpfError(
      'EINVAL',
      `${what}: the value has ${value.length} bytes; this ${m.type} map takes ${m.wireValueSize}.`,
    );
  }
  return Buffer.from(value);
}

/** An output buffer of `size` bytes (at least 8, so the pointer is never to an empty allocation). */
const outBuffer = (size: number): Buffer => Buffer.alloc(Math.max(size, 8));
const copyOut = (b: Buffer, size: number): Uint8Array => new Uint8Array(b.subarray(0, size));

export function lookup(h: MapHandle, key: Uint8Array | null): Uint8Array {
  const k = keyBuffer(h.map, key, 'Lookup');
  const out = outBuffer(h.map.wireValueSize);
  wrap('Lookup', h.info.path, () => elem(CMD.MAP_LOOKUP_ELEM, h.fd, k, out));
  return copyOut(out, h.map.wireValueSize);
}

export function update(
  h: MapHandle,
  key: Uint8Array | null,
  value: MapValue,
  flag: UpdateFlag,
  handles: HandleTable,
): void {
  const k = keyBuffer(h.map, key, 'Update');
  const v = valueBuffer(h.map, value, handles, 'Update');
  wrap('Update', h.info.path, () => elem(CMD.MAP_UPDATE_ELEM, h.fd, k, v, UPDATE_FLAGS[flag]));
}

export function remove(h: MapHandle, key: Uint8Array): void {
  const k = keyBuffer(h.map, key, 'Delete');
  wrap('Delete', h.info.path, () => elem(CMD.MAP_DELETE_ELEM, h.fd, k, null));
}

export function nextKey(h: MapHandle, key: Uint8Array | null): Uint8Array {
  const k = key === null ? null : keyBuffer(h.map, key, 'Next key');
  const out = outBuffer(h.map.keySize);
  wrap('Next key', h.info.path, () => elem(CMD.MAP_GET_NEXT_KEY, h.fd, k, out));
  return copyOut(out, h.map.keySize);
}

export function lookupAndDelete(h: MapHandle, key: Uint8Array | null): Uint8Array {
  const k = keyBuffer(h.map, key, 'Lookup and delete');
  const out = outBuffer(h.map.wireValueSize);
  wrap('Lookup and delete', h.info.path, () => elem(CMD.MAP_LOOKUP_AND_DELETE_ELEM, h.fd, k, out));
  return copyOut(out, h.map.wireValueSize);
}

export function freeze(h: MapHandle): void {
  wrap('Freeze', h.info.path, () => mapFreeze(h.fd));
}
