// The decoded form of a key or value, shared by BTF decoding and custom layouts so one renderer shows both.

export type Decoded =
  | { kind: 'int'; value: bigint; text: string }
  | { kind: 'float'; value: number; text: string }
  /** `name` is the enumerator whose value matches, when one does. */
  | { kind: 'enum'; value: bigint; name?: string; text: string }
  | { kind: 'pointer'; value: bigint; text: string }
  /** Bytes shown as hex: a layout's hex part, or a BTF type with no better reading. */
  | { kind: 'bytes'; bytes: Uint8Array; text: string }
  | { kind: 'address'; format: 'ipv4' | 'ipv6' | 'mac'; bytes: Uint8Array; text: string }
  /** A layout's ascii(n) part: the text up to the first NUL. */
  | { kind: 'string'; text: string }
  | { kind: 'struct'; union: boolean; fields: DecodedField[] }
  /** `string` is set for char arrays whose bytes read as text. */
  | { kind: 'array'; items: Decoded[]; string?: string };

export interface DecodedField {
  name: string;
  value: Decoded;
}

/** One-line text: `{saddr: 167772162, sport: 443, state: CT_ESTABLISHED}`, arrays `[1, 2, 3]`, char arrays `"eth0"`. */
export function formatDecoded(d: Decoded, maxItems = 64): string {
  switch (d.kind) {
    case 'struct':
      return `{${d.fields.map((f) => `${f.name}: ${formatDecoded(f.value, maxItems)}`).join(', ')}}`;
    case 'array': {
      if (d.string !== undefined) return JSON.stringify(d.string);
      const shown = d.items.slice(0, maxItems).map((i) => formatDecoded(i, maxItems));
      if (d.items.length > maxItems) shown.push(`… ${d.items.length - maxItems} more`);
      return `[${shown.join(', ')}]`;
    }
    case 'string':
      return JSON.stringify(d.text);
    default:
      return d.text;
  }
}

/** Text of printable ASCII bytes up to the first NUL; undefined when something else comes first. */
export function asciiText(bytes: Uint8Array): string | undefined {
  let s = '';
  for (const b of bytes) {
    if (b === 0) break;
    if (b < 0x20 || b > 0x7e) return undefined;
    s += String.fromCharCode(b);
  }
  return s;
}
