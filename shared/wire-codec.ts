// Frames for the WebSocket transport: plain JSON when a value holds no typed arrays, else one binary frame
// carrying the JSON (typed arrays replaced by {$bin: index, type}) and the arrays' bytes, so keys and values
// cross the wire as bytes, never as JSON of hex. Layout (little-endian):
//   u32 jsonLength | JSON (UTF-8) | pad to 8 | per attachment: u32 byteLength | u32 0 | bytes | pad to 8
// Attachments start 8-aligned, so a Float64Array can be a view on the received buffer without a copy.
// A window's arrays are often all zeros (no previous values yet) or equal to another (unchanged values): an
// all-zero array goes as {$zeros: byteLength, type} with no bytes, and a repeat refers to the earlier attachment.
import { checkJsonLimits, type JsonLimits } from './json-limits.js';

const KINDS = {
  Uint8Array,
  Int8Array,
  Uint8ClampedArray,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigUint64Array,
  BigInt64Array,
} as const;

export type TypedArrayKind = keyof typeof KINDS;
type AnyTypedArray = InstanceType<(typeof KINDS)[TypedArrayKind]>;

interface BinRef {
  $bin: number;
  type: TypedArrayKind;
}

interface ZerosRef {
  $zeros: number;
  type: TypedArrayKind;
}

/** Arrays shorter than this go as they are: an attachment's own 8-byte prefix would eat the saving. */
const COMPACT_MIN_BYTES = 32;
/** How many earlier arrays of one size a new one is compared with. */
const MAX_REPEAT_CANDIDATES = 4;
/** The most zero bytes one frame may ask the decoder to make (as much as the largest stream frame). */
export const MAX_ZERO_BYTES = 256 * 1024 * 1024;

const align8 = (n: number): number => (n + 7) & ~7;

/** Buffers wireZeros has handed out: never written, so the encoder knows their views are zeros without reading. */
const zeroBuffers = new WeakSet<ArrayBufferLike>();
let zeroBuffer = new ArrayBuffer(0);

/**
 * A read-only zero-filled array for a value encoded at once (see HostOptions.repliesSerialized in main/host): views
 * share one buffer, which must never be written, and the encoder sends them as $zeros without scanning them.
 */
export function wireZeros(byteLength: number): Uint8Array {
  if (zeroBuffer.byteLength < byteLength) {
    zeroBuffer = new ArrayBuffer(Math.max(byteLength, 2 * zeroBuffer.byteLength));
    zeroBuffers.add(zeroBuffer);
  }
  return new Uint8Array(zeroBuffer, 0, byteLength);
}

/** Two views of the very same bytes (a borrowed window's baseValues are often its values). */
const sameRegion = (a: Uint8Array, b: Uint8Array): boolean =>
  a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.byteLength === b.byteLength;

function kindOf(v: ArrayBufferView): TypedArrayKind {
  for (const name of Object.keys(KINDS) as TypedArrayKind[]) {
    if (v instanceof KINDS[name]) return name === 'Uint8Array' || v instanceof Uint8Array ? 'Uint8Array' : name;
  }
  throw new TypeError(`Cannot send a ${v.constructor.name} over the wire.`);
}

function isRef<K extends '$bin' | '$zeros'>(v: unknown, key: K): v is Record<K, number> & { type: TypedArrayKind } {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<Record<string, unknown>>;
  return (
    typeof r[key] === 'number' &&
    typeof r.type === 'string' &&
    Object.prototype.hasOwnProperty.call(KINDS, r.type) &&
    Object.keys(v).length === 2
  );
}

/** The bytes of a view as 32-bit words where they line up (four times fewer steps), else as bytes. */
function words(b: Uint8Array): Uint8Array | Int32Array {
  return b.byteOffset % 4 === 0 && b.byteLength % 4 === 0
    ? new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4)
    : b;
}

function allZero(b: Uint8Array): boolean {
  const w = words(b);
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = words(a);
  const y = words(b);
  if (x.constructor !== y.constructor) return a.every((v, i) => v === b[i]);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

const bytesOf = (v: ArrayBufferView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/**
 * The frame as a list of byte segments, for writers that can send several buffers at once (writev): the typed
 * arrays' own bytes are segments, never copied. Plain JSON (no typed arrays) comes back as its text.
 */
export function encodeFrameParts(value: unknown): { text: string } | { parts: Uint8Array[]; byteLength: number } {
  const attachments: Uint8Array[] = [];
  // Earlier attachments by length: a repeat is looked for among the few of the same size, never all of them.
  const bySize = new Map<number, number[]>();
  let zeros = false;
  const json = JSON.stringify(value, function replacer(this: unknown, _key, v: unknown) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const type = kindOf(v);
      const bytes = bytesOf(v);
      if (bytes.byteLength >= COMPACT_MIN_BYTES) {
        if (zeroBuffers.has(bytes.buffer) || allZero(bytes)) {
          zeros = true;
          return { $zeros: bytes.byteLength, type } satisfies ZerosRef;
        }
        const sized = bySize.get(bytes.byteLength) ?? [];
        const same =
          sized.find((i) => sameRegion(attachments[i] as Uint8Array, bytes)) ??
          sized.find((i) => sameBytes(attachments[i] as Uint8Array, bytes));
        if (same !== undefined) return { $bin: same, type } satisfies BinRef;
        if (sized.length < MAX_REPEAT_CANDIDATES) bySize.set(bytes.byteLength, [...sized, attachments.length]);
      }
      attachments.push(bytes);
      return { $bin: attachments.length - 1, type } satisfies BinRef;
    }
    return v;
  });
  // A text frame is parsed without revival: one whose arrays were all zeros must still go as binary.
  if (attachments.length === 0 && !zeros) return { text: json ?? 'null' };
  const text = new TextEncoder().encode(json);
  const head = new Uint8Array(align8(4 + text.length));
  new DataView(head.buffer).setUint32(0, text.length, true);
  head.set(text, 4);
  const parts: Uint8Array[] = [head];
  let byteLength = head.byteLength;
  for (const a of attachments) {
    // The attachment's length word, then its bytes, then zeros up to the next multiple of 8.
    const pad = align8(a.byteLength) - a.byteLength;
    const prefix = new Uint8Array(8);
    new DataView(prefix.buffer).setUint32(0, a.byteLength, true);
    parts.push(prefix, a);
    if (pad > 0) parts.push(new Uint8Array(pad));
    byteLength += 8 + a.byteLength + pad;
  }
  return { parts, byteLength };
}

/** A string (no typed arrays inside) or one binary frame. */
export function encodeFrame(value: unknown): string | Uint8Array {
  const encoded = encodeFrameParts(value);
  if ('text' in encoded) return encoded.text;
  const out = new Uint8Array(encoded.byteLength);
  let at = 0;
  for (const part of encoded.parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/**
 * The value encodeFrame was given; typed arrays come back as the same kinds. Throws on a malformed frame, and with
 * `limits` (untrusted frames) throws FrameLimitError before parsing JSON that is too long, deep or wide.
 */
export function decodeFrame(data: string | ArrayBuffer | Uint8Array, limits?: JsonLimits): unknown {
  if (typeof data === 'string') {
    if (limits) checkJsonLimits(data, limits);
    return JSON.parse(data);
  }
  const bytes = toBytes(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4) throw new RangeError('The binary frame is shorter than its header.');
  const jsonLength = view.getUint32(0, true);
  if (4 + jsonLength > bytes.byteLength) throw new RangeError('The binary frame is cut short.');
  const json = new TextDecoder().decode(bytes.subarray(4, 4 + jsonLength));
  if (limits) checkJsonLimits(json, limits);
  const parts: Uint8Array[] = [];
  let at = align8(4 + jsonLength);
  while (at + 8 <= bytes.byteLength) {
    const length = view.getUint32(at, true);
    if (at + 8 + length > bytes.byteLength) throw new RangeError('A binary attachment runs past the frame.');
    parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 8 + align8(length);
  }
  const used = new Set<number>();
  // An untrusted frame may not make the decoder allocate more zeros than it could have sent as bytes.
  const maxZeros = limits ? Math.min(MAX_ZERO_BYTES, limits.maxLength) : MAX_ZERO_BYTES;
  let zeroBytes = 0;
  return JSON.parse(json, (_key, v: unknown) => {
    if (isRef(v, '$zeros')) {
      const Kind = KINDS[v.type];
      const n = v.$zeros;
      if (!Number.isInteger(n) || n < 0 || n % Kind.BYTES_PER_ELEMENT !== 0)
        throw new RangeError(`A zero-filled ${v.type} cannot be ${n} bytes long.`);
      zeroBytes += n;
      if (zeroBytes > maxZeros) throw new RangeError(`The frame asks for over ${maxZeros} zero bytes.`);
      return new Kind(n / Kind.BYTES_PER_ELEMENT) as AnyTypedArray;
    }
    if (!isRef(v, '$bin')) return v;
    let part = parts[v.$bin];
    if (!part) throw new RangeError(`The frame has no attachment ${v.$bin}.`);
    // An attachment sent once for two equal arrays: the second gets its own copy, so neither changes the other.
    if (used.has(v.$bin)) part = new Uint8Array(part);
    used.add(v.$bin);
    const Kind = KINDS[v.type];
    const size = Kind.BYTES_PER_ELEMENT;
    // A view must be aligned for its element size: a misaligned attachment gets its own copy (new Uint8Array(x)
    // copies; slice() on Node's Buffer would not).
    if (part.byteOffset % size !== 0) part = new Uint8Array(part);
    return new Kind(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength / size) as AnyTypedArray;
  });
}
