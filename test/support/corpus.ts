// The real-object corpus (test/corpus/): compiled once per test process by scripts/build-corpus.mjs, and what one
// engine makes of an object dropped on a folder: loaded or refused (errno), and every pin it left with the
// kernel's view of it (names, types, sizes, flags, frozen, BTF ids, the bytes of global-data maps, and each
// program's xlated length).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

export interface CorpusObject {
  id: string;
  source: string;
  object: string;
  error?: string;
}

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'build-corpus.mjs');
let built: CorpusObject[] | undefined;

/** Every corpus object, compiled into a temp dir (a source that does not compile carries its clang error). */
export function corpusObjects(): CorpusObject[] {
  if (built) return built;
  const out = process.env.BPFSCOPE_CORPUS_OUT ?? mkdtempSync(join(tmpdir(), 'bpfscope-corpus-'));
  const manifest = join(out, 'manifest.json');
  if (!existsSync(manifest)) execFileSync('node', [SCRIPT, out], { stdio: 'pipe', maxBuffer: 1 << 26 });
  built = JSON.parse(readFileSync(manifest, 'utf8')) as CorpusObject[];
  return built;
}

/** What a load did, as both engines must agree on it. */
export type LoadOutcome = { loaded: true; pins: Record<string, unknown> } | { loaded: false; errno: string };

/** Loads `bytes` as `fileName` into `folder` and describes every pin the folder then holds. */
export async function loadOutcome(
  engine: PinStore,
  folder: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<LoadOutcome> {
  try {
    await engine.loadObject(folder, fileName, bytes);
  } catch (e) {
    if (e instanceof BpfError) return { loaded: false, errno: e.code };
    throw e;
  }
  const pins: Record<string, unknown> = {};
  for (const entry of await engine.list(folder)) {
    const info = await engine.pathInfo(entry.path);
    if (info.kind === 'map') {
      pins[entry.name] = {
        kind: 'map',
        type: info.type,
        name: info.name,
        keySize: info.keySize,
        valueSize: info.valueSize,
        maxEntries: info.maxEntries,
        flags: info.flagNames,
        frozen: info.frozen,
        btf: info.btfId > 0,
        btfKeyTypeId: info.btfKeyTypeId,
        btfValueTypeId: info.btfValueTypeId,
        ...(info.name.includes('.') ? { value: await internalValue(engine, entry.path) } : {}),
      };
    } else if (info.kind === 'prog') {
      pins[entry.name] = {
        kind: 'prog',
        type: info.type,
        name: info.name,
        fullName: info.fullName ?? info.name,
        gpl: info.gplCompatible,
        btf: info.btfId > 0,
        maps: info.mapIds.length,
        // The verifier's rewrites (context fields, inlined map lookups, dead code) decide it.
        xlatedLen: info.xlatedLen,
      };
    } else pins[entry.name] = { kind: info.kind, type: info.type };
  }
  return { loaded: true, pins };
}

/** A global-data map's bytes (its one value), as hex: what the object's sections and libbpf's fixups put there. */
async function internalValue(engine: PinStore, path: string): Promise<string> {
  const h = await engine.get(path, 'ro');
  try {
    return Buffer.from(await engine.mapLookup(h.handle, new Uint8Array(4))).toString('hex');
  } finally {
    await engine.close(h.handle);
  }
}
