// SQLite for snapshots: sql.js, a WebAssembly build that installs without a compiler or a download on every platform.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loaded: Promise<SqlJsStatic> | undefined;

/** The SQLite module, loaded once per process from the wasm file in node_modules (bundles move sql.js's own lookup). */
export function sqlite(): Promise<SqlJsStatic> {
  loaded ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'));
    return initSqlJs({ wasmBinary: wasm });
  })();
  return loaded;
}
