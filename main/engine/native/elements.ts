// Element operations on a map handle: argument checks (before any syscall), then the bpf(2) command.

import { UPDATE_FLAGS, type UpdateFlag } from '../../../shared/bpf/types.js';
import type { MapValue } from '../../../shared/engine.js';
import { ARGUMENT_PROBLEM, refusal } from '../../../shared/refusal.js';

import { CMD, elem, mapFreeze } from './commands.js';
import { wrap } from './errno.js';
import type { Handle, HandleTable, MapMeta } from './handles.js';

type MapHandle = Handle & { map: MapMeta };

/** The key as the kernel takes it: null for key-less maps (queue, stack, ringbuf), else exactly key_size bytes. */
export function keyBuffer(m: MapMeta, key: Uint8Array | null, what: string, path?: string): Buffer | null {
  if (key === null || (key.length === 0 && m.keySize === 0)) {
    if (m.keySize === 0) return null;
    throw refusal('EINVAL', what, { path, detail: ARGUMENT_PROBLEM.keySize(m.type, m.keySize, null) });
  }
  if (key.length !== m.keySize) {
    const detail =
      m.keySize === 0 ? ARGUMENT_PROBLEM.noKey(m.type) : ARGUMENT_PROBLEM.keySize(m.type, m.keySize, key.length);
    throw refusal('EINVAL', what, { path, detail });
  }
  return Buffer.from(key);
}

/** The value as the kernel takes it: bytes of the wire size, or for fd-valued maps the fd of a handle. */
export function valueBuffer(m: MapMeta, value: MapValue, handles: HandleTable, what: string, path?: string): Buffer {
  const wrong = (detail: string) => refusal('EINVAL', what, { path, detail });
  if (m.fdValued) {
    if (value instanceof Uint8Array) throw wrong(ARGUMENT_PROBLEM.valueHandle(m.type));
    // A closed handle goes to the kernel as fd -1: FMODE_CAN_WRITE, flags and index come before its EBADF.
    const b = Buffer.alloc(4);
    b.writeInt32LE(handles.fdOrInvalid(value.handle), 0);
    return b;
  }
  if (!(value instanceof Uint8Array)) throw wrong(ARGUMENT_PROBLEM.valueBytes(m.type));
  if (value.length !== m.wireValueSize) throw wrong(ARGUMENT_PROBLEM.valueSize(m.type, m.wireValueSize, value.length));
  return Buffer.from(value);
}

/** An output buffer of `size` bytes (at least 8, so the pointer is never to an empty allocation). */
const outBuffer = (size: number): Buffer => Buffer.alloc(Math.max(size, 8));
const copyOut = (b: Buffer, size: number): Uint8Array => new Uint8Array(b.subarray(0, size));

export function lookup(h: MapHandle, key: Uint8Array | null, flags = 0, probe?: Uint8Array): Uint8Array {
  const k = keyBuffer(h.map, key, 'Lookup', h.info.path);
  const out = outBuffer(h.map.wireValueSize);
  if (probe) {
    if (probe.length !== h.map.wireValueSize) {
      const detail = `The value has ${probe.length} bytes; this map takes ${h.map.wireValueSize}.`;
      throw refusal('EINVAL', 'Lookup', { path: h.info.path, detail });
    }
    out.set(probe);
  }
  wrap('Lookup', h.info.path, () => elem(CMD.MAP_LOOKUP_ELEM, h.fd, k, out, flags));
  return copyOut(out, h.map.wireValueSize);
}

export function update(
  h: MapHandle,
  key: Uint8Array | null,
  value: MapValue,
  flag: UpdateFlag,
  handles: HandleTable,
  extraFlags = 0,
): void {
  const k = keyBuffer(h.map, key, 'Update', h.info.path);
  const v = valueBuffer(h.map, value, handles, 'Update', h.info.path);
  const flags = UPDATE_FLAGS[flag] | extraFlags;
  wrap('Update', h.info.path, () => elem(CMD.MAP_UPDATE_ELEM, h.fd, k, v, flags >>> 0));
}

export function remove(h: MapHandle, key: Uint8Array): void {
  const k = keyBuffer(h.map, key, 'Delete', h.info.path);
  wrap('Delete', h.info.path, () => elem(CMD.MAP_DELETE_ELEM, h.fd, k, null));
}

export function nextKey(h: MapHandle, key: Uint8Array | null): Uint8Array {
  const k = key === null ? null : keyBuffer(h.map, key, 'Next key', h.info.path);
  const out = outBuffer(h.map.keySize);
  wrap('Next key', h.info.path, () => elem(CMD.MAP_GET_NEXT_KEY, h.fd, k, out));
  return copyOut(out, h.map.keySize);
}

export function lookupAndDelete(h: MapHandle, key: Uint8Array | null, flags = 0): Uint8Array {
  const k = keyBuffer(h.map, key, 'Lookup and delete', h.info.path);
  const out = outBuffer(h.map.wireValueSize);
  wrap('Lookup and delete', h.info.path, () => elem(CMD.MAP_LOOKUP_AND_DELETE_ELEM, h.fd, k, out, flags));
  return copyOut(out, h.map.wireValueSize);
}

export function freeze(h: MapHandle): void {
  wrap('Freeze', h.info.path, () => mapFreeze(h.fd));
}
