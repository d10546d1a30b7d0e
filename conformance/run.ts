// Runs one scenario on one PinStore and records an engine-independent outcome per operation.

import { hexToBytes } from '../shared/bpf/hex.js';
import { ATTACH_TYPES } from '../shared/bpf/link-target.js';
import { HASH_FAMILY, type MapTypeName } from '../shared/bpf/types.js';
import type { Access, MapValue, PinStore } from '../shared/engine.js';

import { isBatchOp, performBatchOp } from './batch.js';
import { elemFlags, mapBtfSpec } from './btf-lock.js';
import { isCredentialOp, performCredentialOp, type RunAsUser } from './credentials.js';
import { comparableInfo, zeroSeed } from './info.js';
import { LabelTable } from './labels.js';
import { errorOutcome, type Outcome, okOutcome } from './outcome.js';
import { isProgMapOp, mapRefsOf, performProgMapOp } from './prog-maps.js';
import type { Scenario, ScenarioOp } from './scenario.js';
import { isTokenOp, performTokenOp, tokenArg } from './token.js';
import { normalizeNextKey, renderDump, renderValue } from './values.js';

function bytes(hex: string): Uint8Array {
  return hexToBytes(hex) ?? new Uint8Array(); // the schema already checked it is hex
}

function probeBytes(hex: string | undefined): Uint8Array | undefined {
  return hex === undefined ? undefined : bytes(hex);
}

function keyBytes(hex: string | null): Uint8Array | null {
  return hex === null ? null : bytes(hex);
}

export interface RunOptions {
  /** Delays (ms) of extra looks before `alive` answers true; see OpenEngine.settleDelaysMs. */
  settleDelaysMs?: readonly number[];
  /** Runs an `as_user` operation; see OpenEngine.runAsUser. */
  runAsUser?: RunAsUser;
}

/** Runs every operation in order; a failing operation does not stop the scenario. */
export async function runScenario(store: PinStore, scenario: Scenario, opts: RunOptions = {}): Promise<Outcome[]> {
  const labels = new LabelTable();
  const outcomes: Outcome[] = [];
  for (const op of scenario.ops) outcomes.push(await runOp(store, labels, op, opts));
  return outcomes;
}

export async function runOp(
  store: PinStore,
  labels: LabelTable,
  op: ScenarioOp,
  opts: RunOptions = {},
): Promise<Outcome> {
  if (op.op === 'as_user') {
    return opts.runAsUser
      ? opts.runAsUser({ uid: op.uid, gid: op.gid }, op.do)
      : { crash: 'cannot run as a user here' };
  }
  try {
    return okOutcome(await perform(store, labels, op, opts));
  } catch (e) {
    if ('as' in op) labels.unbind(op.as);
    return errorOutcome(e);
  }
}

function accessOf(flags: readonly ('rdonly' | 'wronly')[] | undefined): Access {
  const flag = flags?.[0];
  return flag === 'rdonly' ? 'ro' : flag === 'wronly' ? 'wo' : 'rw';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function perform(store: PinStore, labels: LabelTable, op: ScenarioOp, opts: RunOptions): Promise<unknown> {
  if (isCredentialOp(op)) return performCredentialOp(store, op);
  if (isBatchOp(op)) return performBatchOp(store, labels, op);
  if (isProgMapOp(op)) return performProgMapOp(store, labels, op, opts.settleDelaysMs ?? []);
  if (isTokenOp(op)) return performTokenOp(store, op);
  switch (op.op) {
    case 'mkdir':
      return void (await store.mkdir(op.path, op.mode));
    case 'rmdir':
      return void (await store.rmdir(op.path));
    case 'unlink':
      return void (await store.unlink(op.path));
    case 'rename': {
      const opts: { noreplace?: boolean; exchange?: boolean } = {};
      if (op.noreplace) opts.noreplace = true;
      if (op.exchange) opts.exchange = true;
      return void (await store.rename(op.from, op.to, opts));
    }
    case 'link':
      return void (await store.link(op.from, op.to));
    case 'symlink':
      return void (await store.symlink(op.target, op.path));
    case 'stat': {
      const e = await store.stat(op.path);
      return { kind: e.kind, mode: e.mode };
    }
    case 'list': {
      const entries = await store.list(op.path);
      return entries.map((e) => [e.name, e.kind]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
    }
    case 'map_create': {
      const spec = {
        type: op.type,
        name: op.name,
        keySize: op.key_size,
        valueSize: op.value_size,
        maxEntries: op.max_entries,
        flags: op.flags,
        innerHandle: op.inner !== undefined ? labels.resolve(op.inner).handle : undefined,
        mapExtra: op.map_extra,
        ...(op.btf ? { btf: mapBtfSpec(op.btf) } : {}),
        ...tokenArg(op.token, labels),
      };
      labels.bind(op.as, await store.createMap(spec));
      return null;
    }
    case 'prog_load': {
      labels.bind(
        op.as,
        await store.loadProgram({
          type: op.type,
          name: op.name,
          insns: bytes(op.insns),
          license: op.license,
          ...(op.expected_attach_type ? { expectedAttachType: ATTACH_TYPES.indexOf(op.expected_attach_type) } : {}),
          ...(op.maps ? { mapRefs: mapRefsOf(op.maps, labels) } : {}),
          ...tokenArg(op.token, labels),
        }),
      );
      return null;
    }
    case 'get': {
      const raw = op.raw_flags;
      const h = await store.get(op.path, accessOf(op.flags), raw === undefined ? {} : { fileFlags: raw });
      labels.bind(op.as, h);
      return h.kind;
    }
    case 'get_by_id': {
      const of = labels.resolve(op.of);
      const h = await store.getById(of.kind, of.id, accessOf(op.flags));
      labels.bind(op.as, h);
      return h.kind;
    }
    case 'pin':
      return void (await store.pin(labels.resolve(op.handle).handle, op.path));
    case 'close':
      return void (await store.close(labels.resolve(op.handle).handle));
    case 'info':
      return comparableInfo(await store.objectInfo(labels.resolve(op.handle).handle), labels);
    case 'alive': {
      const b = labels.resolve(op.handle);
      for (const ms of opts.settleDelaysMs ?? []) {
        if (!(await store.objectAlive(b.kind, b.id))) return false;
        await sleep(ms);
      }
      return store.objectAlive(b.kind, b.id);
    }
    default:
      return performElem(store, labels, op);
  }
}

async function performElem(store: PinStore, labels: LabelTable, op: ScenarioOp): Promise<unknown> {
  if (!('handle' in op)) throw new Error(`unhandled operation ${op.op}`);
  const b = labels.resolve(op.handle);
  const type = b.type as MapTypeName;
  switch (op.op) {
    case 'lookup':
      return renderValue(
        type,
        await store.mapLookup(b.handle, keyBytes(op.key), elemFlags(op), probeBytes(op.value)),
        labels,
      );
    case 'lookup_and_delete':
      return renderValue(type, await store.mapLookupAndDelete(b.handle, keyBytes(op.key), elemFlags(op)), labels);
    case 'update': {
      const value: MapValue =
        typeof op.value === 'string' ? bytes(op.value) : { handle: labels.resolve(op.value.handle).handle };
      return void (await store.mapUpdate(b.handle, keyBytes(op.key), value, op.flag, elemFlags(op)));
    }
    case 'delete':
      return void (await store.mapDelete(b.handle, bytes(op.key)));
    case 'next_key': {
      if (!HASH_FAMILY.has(type) || (op.ordered && (await zeroSeed(store, b.handle))))
        return renderValue('array', await store.mapNextKey(b.handle, keyBytes(op.key)), labels);
      return normalizeNextKey(op.key, () => store.mapNextKey(b.handle, keyBytes(op.key)));
    }
    case 'dump': {
      const ordered = op.ordered === true && (await zeroSeed(store, b.handle));
      return renderDump(type, (await store.mapDump(b.handle)).entries, labels, ordered);
    }
    case 'freeze':
      return void (await store.mapFreeze(b.handle));
    default:
      throw new Error(`unhandled operation ${op.op}`);
  }
}
