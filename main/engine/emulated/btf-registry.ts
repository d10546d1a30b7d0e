// Emulated BTF objects: raw blobs by id, like the kernel's BTF idr. Blobs are checked only for the header magic
// and size; the kernel verifies far more, but the emulator's maps only need to carry BTF for decoding.
import { fail } from './stores.js';

const BTF_MAGIC = 0xeb9f;
/** struct btf_header: magic u16, version u8, flags u8, hdr_len u32, type_off, type_len, str_off, str_len. */
const HEADER_SIZE = 24;

export class BtfRegistry {
  private nextId = 1;
  private readonly blobs = new Map<number, Uint8Array>();

  /** Like BPF_BTF_LOAD: a new BTF object id for `data`, or EINVAL for a blob that is not BTF. */
  load(data: Uint8Array): number {
    if (data.length < HEADER_SIZE)
      fail('EINVAL', `The BTF blob has ${data.length} bytes, less than its 24-byte header (EINVAL).`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getUint16(0, true) !== BTF_MAGIC)
      fail('EINVAL', 'The BTF blob does not start with the magic 0xeB9F (EINVAL).');
    const hdrLen = view.getUint32(4, true);
    const end =
      hdrLen +
      Math.max(view.getUint32(8, true) + view.getUint32(12, true), view.getUint32(16, true) + view.getUint32(20, true));
    if (end > data.length) fail('EINVAL', 'The BTF header describes sections past the end of the blob (EINVAL).');
    const id = this.nextId++;
    this.blobs.set(id, data.slice());
    return id;
  }

  /** Puts back a BTF object with the id it had on the host a snapshot was taken of. */
  restore(id: number, data: Uint8Array): void {
    this.blobs.set(id, data.slice());
    this.nextId = Math.max(this.nextId, id + 1);
  }

  /** Like BPF_BTF_GET_FD_BY_ID + GET_INFO_BY_FD: a copy of the raw bytes, ENOENT for an unknown id. */
  data(id: number): Uint8Array {
    const blob = this.blobs.get(id);
    if (!blob) fail('ENOENT', `There is no BTF object with id ${id} (ENOENT).`);
    return blob.slice();
  }
}
