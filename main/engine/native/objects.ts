// Creating, loading and opening objects, and reading their info: each turns an fd into a handle entry.
import { closeSync } from 'node:fs';

import { objectNameProblem } from '../../../shared/bpf/paths.js';
import {
  MAP_FLAGS,
  MAP_TYPES,
  type MapTypeName,
  mapFlagsFromNames,
  PROG_TYPES,
  valueWireSize,
} from '../../../shared/bpf/types.js';
import type { Access, HandleInfo, MapSpec, ObjectInfo, ObjectKind, ProgSpec } from '../../../shared/engine.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';
import { ARGUMENT_PROBLEM, createMapOp, OP, refusal, VERIFIER_HINT } from '../../../shared/refusal.js';

import { closeBtfFd, loadBtfFd } from './btf.js';
import { mapCreate, progLoad } from './commands.js';
import { errnoError, wrap } from './errno.js';
import type { MapMeta } from './handles.js';
import { fdKind, linkInfo, mapInfo, progInfo } from './info.js';
import { bootTimeMs } from './mount.js';
import { SyscallError } from './sys.js';

const FD_VALUED_MAPS = new Set<number>([MAP_TYPES.prog_array, MAP_TYPES.array_of_maps, MAP_TYPES.hash_of_maps]);

export function infoOf(fd: number, kind: ObjectKind, possibleCpus: number): ObjectInfo {
  if (kind === 'map') return mapInfo(fd, possibleCpus);
  if (kind === 'prog') return progInfo(fd, bootTimeMs());
  return linkInfo(fd);
}

export interface Opened {
  info: Omit<HandleInfo, 'handle'>;
  map?: MapMeta;
}

/** What a new handle on `fd` says: kind from /proc/self/fd, id/type/name from GET_INFO_BY_FD. */
export function describeFd(
  fd: number,
  possibleCpus: number,
  origin: HandleInfo['origin'],
  access: Access,
  path?: string,
): Opened {
  const kind = fdKind(fd);
  if (!kind) throw refusal('EINVAL', OP.info, { path, detail: 'The fd is not a bpf map, program or link.' });
  const info = infoOf(fd, kind, possibleCpus);
  const name = info.kind === 'link' ? '' : info.name;
  const base: Omit<HandleInfo, 'handle'> = { kind, id: info.id, type: info.type, name, access, origin };
  if (path !== undefined) base.path = path;
  if (info.kind !== 'map') return { info: base };
  const map: MapMeta = {
    type: info.type,
    typeId: info.typeId,
    keySize: info.keySize,
    valueSize: info.valueSize,
    wireValueSize: valueWireSize(info.type as MapTypeName, info.valueSize, possibleCpus),
    fdValued: FD_VALUED_MAPS.has(info.typeId),
    maxEntries: info.maxEntries,
    flags: info.flags,
  };
  return { info: base, map };
}

/** Runs fn on a fresh fd and closes the fd if fn throws. */
export function adopt<T>(fd: number, fn: (fd: number) => T): T {
  try {
    return fn(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Runs a create / load; a kernel EINVAL for a bad object name says, as its hint, what is wrong with the name. */
function explainName<T>(op: string, name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const problem = objectNameProblem(name);
    if (!problem || !(e instanceof BpfError) || e.code !== 'EINVAL') throw e;
    throw refusal('EINVAL', op, { hint: problem });
  }
}

/** A token argument as the kernel takes it: the fd of a handle, or -1 (never open). */
export type TokenFd = { fd: number; flag: boolean } | undefined;

export function createMapFd(spec: MapSpec, innerMapFd: number, token?: TokenFd): { fd: number; access: Access } {
  const type = (MAP_TYPES as Record<string, number>)[spec.type];
  if (type === undefined) throw refusal('EINVAL', createMapOp(spec.type), { detail: 'This map type is unknown.' });
  let flags: number;
  try {
    flags = mapFlagsFromNames(spec.flags);
  } catch (e) {
    const detail = `${(e as Error).message}; known flags: ${Object.keys(MAP_FLAGS).join(', ')}.`;
    throw refusal('EINVAL', createMapOp(spec.type), { detail });
  }
  // The map keeps its own reference on the BTF object; ours is closed right after MAP_CREATE.
  const btfFd = spec.btf ? loadBtfFd(spec.btf.data) : 0;
  let fd: number;
  try {
    // The kernel checks the name only after the map is allocated: its E2BIG / ENOMEM / 524 come first.
    fd = explainName(createMapOp(spec.type), spec.name, () =>
      wrap(createMapOp(spec.type), undefined, () =>
        mapCreate({
          type,
          keySize: spec.keySize,
          valueSize: spec.valueSize,
          maxEntries: spec.maxEntries,
          flags,
          innerMapFd,
          name: spec.name,
          mapExtra: spec.mapExtra ?? 0,
          btfFd,
          btfKeyTypeId: spec.btf?.keyTypeId ?? 0,
          btfValueTypeId: spec.btf?.valueTypeId ?? 0,
          token,
        }),
      ),
    );
  } finally {
    if (btfFd) closeBtfFd(btfFd);
  }
  const access: Access = flags & MAP_FLAGS.rdonly ? 'ro' : flags & MAP_FLAGS.wronly ? 'wo' : 'rw';
  return { fd, access };
}

const LOG_SIZE = 1 << 20;
const LOG_TAIL_LINES = 8;

/** PROG_LOAD; when it fails, loads again with a verifier log and puts the log's last lines in the error. */
export function loadProgramFd(spec: ProgSpec, token?: TokenFd): number {
  const type = (PROG_TYPES as Record<string, number>)[spec.type];
  if (type === undefined) {
    throw refusal('EINVAL', OP.loadProgram, { detail: `The program type "${spec.type}" is unknown.` });
  }
  return explainName(OP.loadProgram, spec.name, () => loadProgramFdAs(type, spec, token));
}

function loadProgramFdAs(type: number, spec: ProgSpec, token: TokenFd): number {
  if (spec.insns.length % 8 !== 0) {
    throw refusal('EINVAL', OP.loadProgram, { detail: ARGUMENT_PROBLEM.insnBytes(spec.insns.length) });
  }
  const attr = {
    type,
    insns: Buffer.from(spec.insns),
    license: spec.license,
    name: spec.name,
    expectedAttachType: spec.expectedAttachType,
    token,
  };
  try {
    return progLoad({ ...attr, logBuf: null, logLevel: 0 });
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    if (e.errno === ERRNO.EPERM || e.errno === ERRNO.ENOSYS) throw errnoError(e.errno, 'Load program');
    const log = Buffer.alloc(LOG_SIZE);
    try {
      return progLoad({ ...attr, logBuf: log, logLevel: 1 });
    } catch {
      // The load without a log is the caller's answer: a log that overflows would turn E2BIG into ENOSPC.
      const errno = e.errno;
      const text = log.subarray(0, Math.max(0, log.indexOf(0))).toString('utf8');
      const tail = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-LOG_TAIL_LINES)
        .join('\n');
      const base = errnoError(errno, 'Load program');
      if (tail === '') throw base;
      throw refusal(base.code, OP.loadProgram, {
        detail: `The verifier said:\n${tail}`,
        hint: VERIFIER_HINT,
      });
    }
  }
}
