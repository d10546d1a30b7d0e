// Serves the built renderer (dist/renderer) with a CSP; nothing outside that folder is reachable.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

import { COMMON_HEADERS, decodePath } from './http-guard.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The page may connect only to `connect` (browser mode: its own ws:// origin; Electron: nowhere). */
export function contentSecurityPolicy(connect: string): string {
  return (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    `connect-src ${connect}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`
  );
}

/** Electron's page talks to main over IPC only, so it may open no connection at all. */
export const ELECTRON_CSP = contentSecurityPolicy("'none'");

export interface StaticRequest {
  method: string | undefined;
  /** The request's path, still percent-encoded. */
  pathname: string;
  /** The Host header, already checked against the allow-list. */
  host: string;
}

function answer(res: ServerResponse, status: number, extra: Record<string, string> = {}, body?: Buffer): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'cache-control': 'no-cache', ...extra });
  res.end(body);
}

export function createStaticHandler(root: string) {
  return async (req: StaticRequest, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, { allow: 'GET, HEAD' });
    const rel = decodePath(req.pathname === '/' ? '/index.html' : req.pathname);
    if (rel === null) return answer(res, 400);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return answer(res, 404);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return answer(res, 404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    }
    answer(
      res,
      200,
      {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy(`ws://${req.host}`),
      },
      req.method === 'HEAD' ? undefined : body,
    );
  };
}
