// Checks every HTTP request and upgrade makes before anything else reads it: a request target we can parse, a Host
// that names this server (so a rebound DNS name cannot reach it), and headers every answer carries.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export interface RequestTarget {
  pathname: string;
  query: URLSearchParams;
}

/** Only origin-form targets ("/path?query"); null for absolute-form, "*" or anything `new URL()` would refuse. */
export function parseTarget(raw: string | undefined): RequestTarget | null {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
  const q = raw.indexOf('?');
  return {
    pathname: q < 0 ? raw : raw.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

/** The percent-decoded path, or null when it is not valid UTF-8 percent-encoding or holds a NUL. */
export function decodePath(pathname: string): string | null {
  try {
    const path = decodeURIComponent(pathname);
    return path.includes('\0') ? null : path;
  } catch {
    return null;
  }
}

/** Host header values that name this server: loopback names and the listening address, with its port. */
export function allowedHosts(listenHost: string, port: number): Set<string> {
  const shown = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const names = new Set(['localhost', '127.0.0.1', '[::1]', shown.toLowerCase()]);
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

/** Sent with every answer: no page of ours leaks its URL (and the token in it) as a Referer. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** A complete HTTP/1.1 answer for a socket that is not (or no longer) driven by a ServerResponse. */
export function rawResponse(status: number): string {
  const headers = Object.entries({ ...COMMON_HEADERS, 'content-length': '0', connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headers}\r\n`;
}

/** Answers `status` and closes; a socket whose client already went away is simply destroyed. */
export function refuseSocket(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(rawResponse(status));
}

/** The HTTP parser's own refusals (bad request line, oversized headers), answered with our headers. */
export function onClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  refuseSocket(socket, status);
}

/** The request's target when it may go on; else the status to refuse it with (400 malformed, 421 foreign Host). */
export function admit(
  url: string | undefined,
  host: string | undefined,
  hosts: ReadonlySet<string>,
): RequestTarget | number {
  const target = parseTarget(url);
  if (!target || !host) return 400;
  return hosts.has(host.toLowerCase()) ? target : 421;
}
