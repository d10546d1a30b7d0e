// Frames on a byte stream (the agent's stdin/stdout, later ssh): an 8-byte header, then one payload in the wire
// codec (shared/wire-codec.ts). Header, little-endian: u32 payload length | u8 kind | 3 bytes zero.
// kind 1: the payload is JSON text (UTF-8); kind 2: it is a binary wire-codec frame (JSON + typed arrays).
// The reader never throws: a frame it cannot take is reported, and a broken header ends the stream.
import { decodeFrame, encodeFrameParts } from './wire-codec.js';

export const FRAME_HEADER_BYTES = 8;
export const FRAME_KIND_JSON = 1;
export const FRAME_KIND_BINARY = 2;
/** The largest payload either side sends or accepts unless told otherwise. */
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export class FrameTooLargeError extends RangeError {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`A frame of ${bytes} bytes is over the ${maxBytes}-byte limit.`);
  }
}

/**
 * One value as the segments of one frame (header first), for a vectored write. Typed arrays inside the value are
 * segments themselves, not copies: they must not change until written. Throws FrameTooLargeError over `maxBytes`.
 */
export function encodeStreamFrame(value: unknown, maxBytes = DEFAULT_MAX_FRAME_BYTES): Uint8Array[] {
  const encoded = encodeFrameParts(value);
  const parts = 'text' in encoded ? [utf8.encode(encoded.text)] : encoded.parts;
  const length = 'text' in encoded ? (parts[0]?.byteLength ?? 0) : encoded.byteLength;
  if (length > maxBytes) throw new FrameTooLargeError(length, maxBytes);
  const header = new Uint8Array(FRAME_HEADER_BYTES);
  new DataView(header.buffer).setUint32(0, length, true);
  header[4] = 'text' in encoded ? FRAME_KIND_JSON : FRAME_KIND_BINARY;
  return [header, ...parts];
}

/** The frame in one buffer (tests, and writers that cannot write vectors). */
export function encodeStreamFrameBytes(value: unknown, maxBytes = DEFAULT_MAX_FRAME_BYTES): Uint8Array {
  const parts = encodeStreamFrame(value, maxBytes);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export interface FrameError {
  reason: 'oversized' | 'bad-header' | 'bad-payload' | 'truncated';
  message: string;
  /** The stream is out of step: nothing after this can be read, so the connection must end. */
  fatal: boolean;
}

export type FrameResult = { ok: true; value: unknown } | { ok: false; error: FrameError };

function decodePayload(kind: number, payload: Uint8Array): FrameResult {
  try {
    const value = kind === FRAME_KIND_JSON ? JSON.parse(strictUtf8.decode(payload)) : decodeFrame(payload);
    return { ok: true, value };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { reason: 'bad-payload', message: `A frame could not be decoded: ${why}`, fatal: false },
    };
  }
}

/** Reassembles frames from chunks of any size; push() returns the frames each chunk completes, in order. */
export class FrameReader {
  private readonly header = new Uint8Array(FRAME_HEADER_BYTES);
  private headerFill = 0;
  /** The current frame's payload length; -1 while its header is still being read. */
  private length = -1;
  private kind = 0;
  /** Allocated only for a payload that spans chunks; one wholly inside a chunk is decoded in place. */
  private payload: Uint8Array | null = null;
  private payloadFill = 0;
  private broken = false;

  /** `alloc` makes the buffer for a payload that spans chunks (main passes one that skips zero-filling). */
  constructor(
    private readonly maxBytes = DEFAULT_MAX_FRAME_BYTES,
    private readonly alloc: (bytes: number) => Uint8Array = (n) => new Uint8Array(n),
  ) {}

  push(chunk: Uint8Array): FrameResult[] {
    const out: FrameResult[] = [];
    let at = 0;
    while (!this.broken && at < chunk.byteLength) {
      if (this.length < 0) {
        const take = Math.min(FRAME_HEADER_BYTES - this.headerFill, chunk.byteLength - at);
        this.header.set(chunk.subarray(at, at + take), this.headerFill);
        this.headerFill += take;
        at += take;
        if (this.headerFill < FRAME_HEADER_BYTES) break;
        const error = this.readHeader();
        if (error) {
          this.broken = true;
          out.push({ ok: false, error });
          break;
        }
      }
      if (this.payload === null) {
        if (chunk.byteLength - at >= this.length) {
          out.push(decodePayload(this.kind, chunk.subarray(at, at + this.length)));
          at += this.length;
          this.reset();
          continue;
        }
        this.payload = this.alloc(this.length);
      }
      const take = Math.min(this.length - this.payloadFill, chunk.byteLength - at);
      this.payload.set(chunk.subarray(at, at + take), this.payloadFill);
      this.payloadFill += take;
      at += take;
      if (this.payloadFill === this.length) {
        out.push(decodePayload(this.kind, this.payload));
        this.reset();
      }
    }
    return out;
  }

  /** The stream ended: a frame cut short is reported (undefined when it ended between frames). */
  end(): FrameError | undefined {
    if (this.broken || (this.length < 0 && this.headerFill === 0)) return undefined;
    this.broken = true;
    const got = this.length < 0 ? this.headerFill : FRAME_HEADER_BYTES + this.payloadFill;
    const want = FRAME_HEADER_BYTES + Math.max(this.length, 0);
    return { reason: 'truncated', message: `The stream ended inside a frame (${got} of ${want} bytes).`, fatal: true };
  }

  /** Checks a complete header; one that cannot be trusted leaves the stream out of step, so it ends it. */
  private readHeader(): FrameError | undefined {
    const length = new DataView(this.header.buffer).getUint32(0, true);
    const kind = this.header[4] ?? 0;
    if (
      (kind !== FRAME_KIND_JSON && kind !== FRAME_KIND_BINARY) ||
      this.header[5] ||
      this.header[6] ||
      this.header[7]
    ) {
      const bytes = Array.from(this.header, (b) => b.toString(16).padStart(2, '0')).join(' ');
      return { reason: 'bad-header', message: `Not a bpfscope frame header: ${bytes}.`, fatal: true };
    }
    if (length > this.maxBytes) {
      const message = `A frame announces ${length} bytes, over the ${this.maxBytes}-byte limit.`;
      return { reason: 'oversized', message, fatal: true };
    }
    this.kind = kind;
    this.length = length;
    return undefined;
  }

  private reset(): void {
    this.headerFill = 0;
    this.length = -1;
    this.payload = null;
    this.payloadFill = 0;
  }
}
