// One eBPF instruction as the kernel reads it: opcode, dst/src registers, 16-bit offset, 32-bit immediate.

export function encodeInsn(code: number, dst = 0, src = 0, off = 0, imm = 0): Uint8Array {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint8(0, code);
  dv.setUint8(1, ((src & 0xf) << 4) | (dst & 0xf));
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return b;
}
