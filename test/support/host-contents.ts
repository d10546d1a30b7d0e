// Everything a host shows through its read operations, in one comparable value: every tree entry, every pinned
// object's info, every program's disassembly and every readable map's entries (as hex, sorted by key).
import { createHash } from 'node:crypto';

import type { CapturedEntries, OpName, Request, Response } from '../../shared/contract.js';
import type { DirEntry, ObjectInfo } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import type { HostPort } from '../../main/host/port.js';

export interface HostContents {
  nodes: DirEntry[];
  infos: Record<string, ObjectInfo>;
  disasm: Record<string, string[]>;
  entries: Record<string, string[]>;
}

export async function call<K extends OpName>(host: HostPort, op: K, req: Request<K>): Promise<Response<K>> {
  const r = await host.dispatch(op, req);
  if (!r.ok) throw BpfError.fromWire(r.error);
  return r.value as Response<K>;
}

/** Every entry as "key=value" in hex, sorted; a big map as its entry count and a digest of those rows. */
export function entryRows(e: CapturedEntries): string[] {
  const keys = Buffer.from(e.keys.buffer, e.keys.byteOffset, e.keys.byteLength);
  const values = Buffer.from(e.values.buffer, e.values.byteOffset, e.values.byteLength);
  const rows: string[] = [];
  for (let i = 0; i < e.count; i++) {
    const k = keys.toString('hex', i * e.keySize, (i + 1) * e.keySize);
    rows.push(`${k}=${values.toString('hex', i * e.valueSize, (i + 1) * e.valueSize)}`);
  }
  rows.sort();
  if (rows.length <= 1000) return rows;
  return [`${rows.length} entries`, createHash('sha256').update(rows.join('\n')).digest('hex')];
}

/** `skipEntries`: pins whose entries are not compared (e.g. maps the capture left out). */
export async function hostContents(
  host: HostPort,
  skipEntries: (path: string) => boolean = () => false,
): Promise<HostContents> {
  const out: HostContents = { nodes: [], infos: {}, disasm: {}, entries: {} };
  const dirs = [''];
  while (dirs.length > 0) {
    for (const e of await call(host, 'list', { path: dirs.shift()! })) {
      out.nodes.push(e);
      if (e.kind === 'dir') dirs.push(e.path);
      if (!e.object || e.preloaded || e.noAccess) continue;
      out.infos[e.path] = await call(host, 'pathInfo', { path: e.path });
      if (e.kind === 'prog')
        out.disasm[e.path] = (await call(host, 'progDetails', { path: e.path })).lines.map((l) => l.text);
      if (e.kind === 'map' && !skipEntries(e.path)) {
        try {
          out.entries[e.path] = entryRows(await call(host, 'captureMapEntries', { target: { path: e.path } }));
        } catch (err) {
          out.entries[e.path] = [`error ${(err as BpfError).code}`];
        }
      }
    }
  }
  return out;
}
