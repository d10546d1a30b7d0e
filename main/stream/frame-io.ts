// Stream frames (shared/agent-frames.ts) on Node streams: a writer that batches the frames of one tick into one
// vectored write (typed arrays go out from their own memory) until they are large, and a reader that turns chunks
// into frames.
import type { Readable, Writable } from 'node:stream';

import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeStreamFrame,
  type FrameError,
  FrameReader,
  type FrameResult,
} from '../../shared/agent-frames.js';

/** Queued bytes past which a tick's frames leave at once: the reader decodes one while the next is made. */
const FLUSH_BYTES = 64 * 1024;

export class FrameWriter {
  private corked = false;
  private closed = false;
  private queued = 0;

  constructor(
    private readonly out: Writable,
    readonly maxBytes = DEFAULT_MAX_FRAME_BYTES,
  ) {
    // A peer that went away shows as EPIPE here; whoever owns the stream learns it from its own close event.
    out.on('error', () => {
      this.closed = true;
    });
  }

  /** Queues one frame; frames of the same tick leave together. Throws FrameTooLargeError over the limit. */
  write(value: unknown): void {
    if (this.closed || this.out.destroyed || this.out.writableEnded) return;
    const parts = encodeStreamFrame(value, this.maxBytes);
    if (!this.corked) {
      this.corked = true;
      this.out.cork();
      process.nextTick(() => {
        this.corked = false;
        this.queued = 0;
        this.out.uncork();
      });
    }
    for (const part of parts) {
      this.out.write(part);
      this.queued += part.byteLength;
    }
    if (this.queued >= FLUSH_BYTES && !this.closed) {
      this.queued = 0;
      this.out.uncork();
      this.out.cork();
    }
  }

  /** No more frames: ends the stream once what was queued has been written. */
  end(): Promise<void> {
    this.closed = true;
    if (this.out.destroyed || this.out.writableEnded) return Promise.resolve();
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}

export interface FrameSink {
  /** One frame, or one that could not be decoded (the stream goes on). */
  frame(result: FrameResult): void;
  /** The stream ended; `error` when it ended inside a frame or at a header that cannot be trusted. */
  end(error: FrameError | undefined): void;
}

/** Feeds every chunk of `input` through a FrameReader into `sink`, until the end or the first fatal error. */
export function readFrames(input: Readable, sink: FrameSink, maxBytes = DEFAULT_MAX_FRAME_BYTES): () => void {
  // Every byte of a spanning payload is copied in before it is read, so it need not be zero-filled first.
  const reader = new FrameReader(maxBytes, (n) => Buffer.allocUnsafeSlow(n));
  let done = false;
  const finish = (error: FrameError | undefined) => {
    if (done) return;
    done = true;
    input.off('data', onData);
    sink.end(error);
  };
  const onData = (chunk: Buffer) => {
    for (const result of reader.push(chunk)) {
      if (done) return;
      if (!result.ok && result.error.fatal) return finish(result.error);
      sink.frame(result);
    }
  };
  input.on('data', onData);
  input.once('end', () => finish(reader.end()));
  input.once('close', () => finish(reader.end()));
  input.on('error', () => finish(reader.end()));
  return () => finish(undefined);
}
