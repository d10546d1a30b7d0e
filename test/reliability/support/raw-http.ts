// Raw TCP clients for requests no well-behaved HTTP or WebSocket library would send.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status code of the answer, or null when the server closed without one. */
  status: number | null;
  /** The header block, lower-cased. */
  head: string;
}

function parse(text: string): RawAnswer {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return { status: m ? Number(m[1]) : null, head: text.split('\r\n\r\n')[0]!.toLowerCase() };
}

/** Writes `request` as is and reads until the server closes (or `reset`: resets the connection right away). */
export function rawRequest(port: number, request: string | Buffer, opts: { reset?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      // A keep-alive answer does not close: one complete head is enough.
      if (/\r\n\r\n/.test(text) && !/^HTTP\/1\.1 101/.test(text)) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parse(text)));
    socket.write(request, () => {
      if (opts.reset) socket.resetAndDestroy();
    });
  });
}

/** A GET with the headers a browser would send, for `target` and `host`; extra lines appended as given. */
export function getRequest(target: string, host: string, extra: string[] = []): string {
  return [`GET ${target} HTTP/1.1`, `Host: ${host}`, ...extra, '', ''].join('\r\n');
}

export function upgradeHeaders(origin: string): string[] {
  return [
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Origin: ${origin}`,
  ];
}

/** A WebSocket after a valid upgrade, as a plain socket: frames are written and read by hand. */
export function rawWebSocket(port: number, token: string): Promise<Socket> {
  const origin = `http://127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!head.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) return reject(new Error(head.toString()));
      socket.pause();
      if (head.length > end + 4) socket.unshift(head.subarray(end + 4));
      resolve(socket);
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.write(getRequest(`/rpc?token=${token}`, `127.0.0.1:${port}`, upgradeHeaders(origin)));
  });
}

export interface FrameOptions {
  fin?: boolean;
  rsv1?: boolean;
  mask?: boolean;
  /** The payload length the header claims, when it should differ from the payload sent. */
  claimedLength?: number;
}

/** One WebSocket frame as a client writes it (masked unless told otherwise). */
export function wsFrame(opcode: number, payload: Buffer, opts: FrameOptions = {}): Buffer {
  const mask = opts.mask ?? true;
  const length = opts.claimedLength ?? payload.length;
  const first = ((opts.fin ?? true) ? 0x80 : 0) | (opts.rsv1 ? 0x40 : 0) | opcode;
  const maskBit = mask ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 0x10000) header = Buffer.from([first, maskBit | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, body]);
}

/** Reads server frames until a close frame and answers its status code (null if the socket ends without one). */
export function closeCode(socket: Socket): Promise<number | null> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2) {
        const opcode = buf[0]! & 0x0f;
        const len = buf[1]! & 0x7f;
        const at = len === 126 ? 4 : len === 127 ? 10 : 2;
        const size = len === 126 ? buf.readUInt16BE(2) : len === 127 ? Number(buf.readBigUInt64BE(2)) : len;
        if (buf.length < at + size) return;
        if (opcode === 0x8) {
          resolve(size >= 2 ? buf.readUInt16BE(at) : null);
          return;
        }
        buf = buf.subarray(at + size);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(null));
    socket.resume();
  });
}
