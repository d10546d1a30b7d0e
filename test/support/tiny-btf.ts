// A hand-built raw BTF blob with two ints (id 1: u32, id 2: u64), enough for a map with a u32 key and u64 value.
export function tinyBtf(): Uint8Array {
  const strings = Buffer.from('\0u32\0u64\0', 'latin1');
  const types = Buffer.alloc(2 * 16);
  const int = (at: number, nameOff: number, size: number) => {
    types.writeUInt32LE(nameOff, at);
    types.writeUInt32LE(1 << 24, at + 4); // kind INT, vlen 0
    types.writeUInt32LE(size, at + 8);
    types.writeUInt32LE(size * 8, at + 12); // encoding 0, offset 0, bits
  };
  int(0, 1, 4);
  int(16, 5, 8);
  const header = Buffer.alloc(24);
  header.writeUInt16LE(0xeb9f, 0);
  header.writeUInt8(1, 2);
  header.writeUInt32LE(24, 4);
  header.writeUInt32LE(0, 8);
  header.writeUInt32LE(types.length, 12);
  header.writeUInt32LE(types.length, 16);
  header.writeUInt32LE(strings.length, 20);
  return new Uint8Array(Buffer.concat([header, types, strings]));
}
