// Seeded generators of malformed RPC frames: noise, JSON of every shape, calls with wrong types and prototype-ish
// keys, and valid calls mutated character by character or leaf by leaf.
import fc from 'fast-check';

import { isOpName, OP_NAMES, requestSchemas } from '../../../shared/contract.js';
import { decodeFrame, encodeFrame } from '../../../shared/wire-codec.js';

export type Frame = { binary: false; data: string } | { binary: true; data: Uint8Array };

/** Operations that change nothing a snapshot sees; a well-formed call of any other one is not malformed. */
const READ_ONLY = new Set<string>([
  'describe',
  'list',
  'stat',
  'handles',
  'objectInfo',
  'pathInfo',
  'listObjects',
  'mapLookup',
  'mapNextKey',
  'mapDump',
  'inspectPath',
  'unlinkImpact',
  'mapViewOpen',
  'mapViewWindow',
  'mapViewConfigure',
  'mapViewSeries',
  'mapViewExport',
  'mapViewClose',
  'progDetails',
  'statsEnable',
  'statsDisable',
  'linkDetails',
  'hostAccounts',
  'pinHealth',
]);

/** True when the server would run `frame` as a valid call that may change state. */
export function isWellFormedChange(frame: Frame): boolean {
  let msg: unknown;
  try {
    msg = decodeFrame(frame.data);
  } catch {
    return false;
  }
  if (typeof msg !== 'object' || msg === null) return false;
  const { id, op, req } = msg as { id?: unknown; op?: unknown; req?: unknown };
  if (typeof id !== 'number' || !isOpName(op) || READ_ONLY.has(op)) return false;
  return requestSchemas[op].safeParse(req ?? {}).success;
}

/** Valid calls on the demo host's real paths: the starting points for mutations. */
export function seedCalls(dirs: string[], pins: string[]): object[] {
  const dir = dirs[0] ?? '';
  const pin = pins[0] ?? 'x';
  const calls: [string, object][] = [
    ['describe', {}],
    ['list', { path: dir }],
    ['stat', { path: pin }],
    ['inspectPath', { path: pin, limit: 10 }],
    ['mkdir', { path: `${dir}/fresh`, mode: 0o700 }],
    ['rmdir', { path: dir }],
    ['rename', { from: pin, to: `${pin}_moved`, noreplace: true }],
    ['link', { from: pin, to: `${pin}_second` }],
    ['symlink', { target: pin, path: `${dir}/ln` }],
    ['unlink', { path: pin }],
    ['unlinkWithUndo', { path: pins[1] ?? pin }],
    ['removeTree', { path: dir, dryRun: false }],
    ['createMap', { type: 'hash', name: 'fz', keySize: 4, valueSize: 8, maxEntries: 4, flags: [] }],
    ['loadProgram', { type: 'xdp', name: 'fz', insns: 'b700000002000000' + '9500000000000000', license: 'GPL' }],
    ['pin', { handle: 1, path: 'fz' }],
    ['get', { path: pin, access: 'rw' }],
    ['getById', { kind: 'map', id: 1, access: 'ro' }],
    ['close', { handle: 1 }],
    ['mapUpdate', { handle: 1, key: '01000000', value: '0000000000000000', flag: 'any' }],
    ['mapDelete', { handle: 1, key: '01000000' }],
    ['mapFreeze', { handle: 1 }],
    ['mapViewOpen', { path: pin, refreshMs: 1000 }],
    ['undoUnlink', { undoToken: 'u1' }],
  ];
  return calls.map(([op, req], i) => ({ id: 1000 + i, op, req }));
}

const PROTO_KEYS = ['__proto__', 'toString', 'valueOf', 'constructor', 'hasOwnProperty', 'then', '$bin', 'type'];
const json = fc.jsonValue({ maxDepth: 3 });
const protoObject = fc.dictionary(fc.constantFrom(...PROTO_KEYS), json, { minKeys: 1, maxKeys: 3 });
const anyValue = fc.oneof(
  json,
  protoObject,
  fc.constantFrom({ $bin: 0, type: 'toString' }, { $bin: 9, type: 'Uint8Array' }),
);

const text = (data: string): Frame => ({ binary: false, data });
const binary = (data: Uint8Array): Frame => ({ binary: true, data });

/** One edit of a frame's text: replace, insert, delete or duplicate around a position. */
const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'insert', 'delete', 'dup'),
  with: fc.oneof(
    fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', '-', '1e999', 'null', '\u0000', '\ud800'),
    fc.string({ maxLength: 3 }),
  ),
});

function applyEdits(s: string, edits: { at: number; kind: string; with: string }[]): string {
  for (const e of edits) {
    const at = s.length ? e.at % s.length : 0;
    if (e.kind === 'replace') s = s.slice(0, at) + e.with + s.slice(at + 1);
    else if (e.kind === 'insert') s = s.slice(0, at) + e.with + s.slice(at);
    else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + 1 + (e.with.length % 4));
    else s = s.slice(0, at) + s.slice(at, at + 8) + s.slice(at);
  }
  return s;
}

/** Every leaf path of a JSON value, for replacing one leaf with a value of another type. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [path];
  const entries = Object.entries(v);
  return [path, ...entries.flatMap(([k, x]) => leaves(x, [...path, Array.isArray(v) ? Number(k) : k]))];
}

function replaceAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[path[0]!] = replaceAt(copy[path[0]!], path.slice(1), value);
  return copy;
}

export function malformedFrames(seeds: object[]): fc.Arbitrary<Frame> {
  const seedTexts = seeds.map((s) => JSON.stringify(s));
  const loadCall = (data: Uint8Array) =>
    encodeFrame({ id: 7, op: 'loadObject', req: { folder: '', fileName: 'x.o', data } });
  const record = fc.record(
    {
      id: fc.oneof({ arbitrary: fc.integer(), weight: 3 }, fc.double(), anyValue),
      op: fc.oneof(fc.constantFrom(...OP_NAMES), anyValue),
      req: anyValue,
    },
    { requiredKeys: ['id'] },
  );
  const edited = fc
    .tuple(fc.constantFrom(...seedTexts), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([s, e]) => text(applyEdits(s, e)));
  const retyped = fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), anyValue, fc.boolean())
    .map(([seed, n, value, asBinary]) => {
      const paths = leaves(seed);
      const call = replaceAt(seed, paths[n % paths.length]!, value);
      // As a binary frame the JSON goes through the typed-array reviver, where {$bin, type} leaves matter.
      if (!asBinary) return text(JSON.stringify(call));
      return binary(encodeFrame({ ...(call as object), pad: new Uint8Array(1) }) as Uint8Array);
    });
  const flipped = fc
    .tuple(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
    )
    .map(([bytes, flips]) => {
      const frame = new Uint8Array(loadCall(bytes) as Uint8Array);
      for (const [at, b] of flips) frame[at % frame.length] = b;
      return binary(frame);
    });
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }).map(text),
    fc.uint8Array({ maxLength: 300 }).map(binary),
    json.map((v) => text(JSON.stringify(v))),
    { arbitrary: record.map((v) => text(JSON.stringify(v))), weight: 2 },
    { arbitrary: edited, weight: 3 },
    { arbitrary: retyped, weight: 4 },
    { arbitrary: flipped, weight: 2 },
  );
}
