// Writes a snapshot database row by row; finish() gives the file's bytes.
import type { Database, Statement } from 'sql.js';

import type { CapturedEntries, CapturedObject } from '../../shared/contract.js';
import type { DirEntry, ObjectHolder } from '../../shared/engine.js';

import { CHUNK_ENTRIES, type MetaKey, SCHEMA } from './schema.js';
import { sqlite } from './sqlite.js';

/** How a map's entries ended up in the file. */
export type EntriesState = 'complete' | 'truncated' | 'skipped' | 'failed';

export interface ObjectRow extends CapturedObject {
  pins: string[];
  holders: ObjectHolder[];
  entries?: { state: EntriesState; error?: string; count: number };
}

export class SnapshotWriter {
  private readonly stmts: Record<'meta' | 'node' | 'object' | 'btf' | 'chunk', Statement>;

  private constructor(private readonly db: Database) {
    db.run(SCHEMA);
    db.run('BEGIN');
    this.stmts = {
      meta: db.prepare('INSERT INTO meta VALUES (?, ?)'),
      node: db.prepare('INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      object: db.prepare('INSERT INTO objects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      btf: db.prepare('INSERT INTO btf VALUES (?, ?)'),
      chunk: db.prepare('INSERT INTO entry_chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    };
  }

  static async create(): Promise<SnapshotWriter> {
    const SQL = await sqlite();
    return new SnapshotWriter(new SQL.Database());
  }

  meta(key: MetaKey, value: string | number): void {
    this.stmts.meta.run([key, String(value)]);
  }

  node(e: DirEntry, parent: string, seq: number): void {
    this.stmts.node.run([
      e.path,
      parent,
      e.name,
      seq,
      e.kind,
      e.mode,
      e.uid,
      e.gid,
      e.nlink,
      e.target ?? null,
      e.object?.kind ?? null,
      e.object?.id ?? null,
      e.noAccess ? JSON.stringify(e.noAccess) : null,
      e.preloaded ?? null,
    ]);
  }

  object(o: ObjectRow): void {
    const { info } = o;
    const name = info.kind === 'link' ? '' : info.name;
    this.stmts.object.run([
      info.kind,
      info.id,
      info.type,
      name,
      info.kind === 'prog' ? info.tag : null,
      JSON.stringify(info),
      JSON.stringify(o.pins),
      JSON.stringify(o.holders),
      o.xlated?.insns ?? null,
      o.xlated ? JSON.stringify(o.xlated.mapIds) : null,
      o.xlated?.callNames ? JSON.stringify(o.xlated.callNames) : null,
      o.entries?.state ?? null,
      o.entries?.error ?? null,
      o.entries?.count ?? null,
    ]);
  }

  btf(id: number, data: Uint8Array): void {
    this.stmts.btf.run([id, data]);
  }

  /** A map's packed entries, cut into chunk rows; `cpus` is 0 unless per-CPU values hold one slot per CPU. */
  entries(mapId: number, e: CapturedEntries, cpus: number, cpuValueSize: number): void {
    for (let seq = 0; seq * CHUNK_ENTRIES < e.count; seq++) {
      const from = seq * CHUNK_ENTRIES;
      const to = Math.min(e.count, from + CHUNK_ENTRIES);
      this.stmts.chunk.run([
        mapId,
        seq,
        to - from,
        e.keySize,
        e.valueSize,
        cpus,
        cpuValueSize,
        e.keys.subarray(from * e.keySize, to * e.keySize),
        e.values.subarray(from * e.valueSize, to * e.valueSize),
      ]);
    }
  }

  /** Commits and returns the database file's bytes; the writer cannot be used afterwards. */
  finish(): Uint8Array {
    for (const s of Object.values(this.stmts)) s.free();
    this.db.run('COMMIT');
    const bytes = this.db.export();
    this.db.close();
    return bytes;
  }

  /** Drops everything written (a cancelled capture). */
  abandon(): void {
    for (const s of Object.values(this.stmts)) s.free();
    this.db.close();
  }
}
