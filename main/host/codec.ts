// Wire <-> engine conversions: hex strings for keys and values on the wire, bytes in the engine.

import { bytesToHex, hexToBytes } from '../../shared/bpf/hex.js';
import type { WireDump } from '../../shared/contract.js';
import type { MapDump, MapValue } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

export function decodeHex(hex: string, what: string): Uint8Array {
  const bytes = hexToBytes(hex);
  if (!bytes) throw new BpfError('EINVAL', `The ${what} is not a whole number of hex bytes.`);
  return bytes;
}

export function decodeKey(hex: string | null): Uint8Array | null {
  return hex === null ? null : decodeHex(hex, 'key');
}

export function decodeValue(value: string | { handle: number }): MapValue {
  return typeof value === 'string' ? decodeHex(value, 'value') : value;
}

export function encodeDump(dump: MapDump): WireDump {
  return {
    entries: dump.entries.map((e) => ({ key: bytesToHex(e.key), value: bytesToHex(e.value) })),
    truncated: dump.truncated,
  };
}
