// Program and link details for the UI: composite reads that never leave a handle open.

import { disassemble } from '../../shared/bpf/disasm.js';
import { describeLinkTarget, detachSentence } from '../../shared/bpf/link-target.js';
import type { LinkDetails, ProgDetails, ProgLine } from '../../shared/contract.js';
import type { HandleInfo, ObjectInfo, ObjectKind, ObjectSummary, PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

/** An object the details only name: unknown when it is gone or this process may not open it by id (EPERM). */
async function summaryOrNone(engine: PinStore, kind: ObjectKind, id: number): Promise<ObjectSummary | undefined> {
  try {
    return await engine.objectSummary(kind, id);
  } catch (e) {
    if (isBpfError(e)) return undefined;
    throw e;
  }
}

/** A program by id (a prog_array slot's), read-write as PROG_GET_FD_BY_ID requires; a gone id said so. */
async function openProgById(engine: PinStore, id: number): Promise<HandleInfo> {
  try {
    return await engine.getById('prog', id, 'rw', { internal: true });
  } catch (e) {
    if (isBpfError(e) && e.code === 'ENOENT')
      throw new BpfError('ENOENT', `Program id ${id} no longer exists (ENOENT).`, {
        hint: 'The slot that named it was changed or the program was unloaded since it was read; go back and look again.',
      });
    if (isBpfError(e) && (e.code === 'EPERM' || e.code === 'EACCES'))
      throw new BpfError(e.code, `Program id ${id} may not be opened by id (${e.code}).`, {
        hint: 'Opening a program by id (BPF_PROG_GET_FD_BY_ID) needs CAP_SYS_ADMIN: authenticate, or open a pin of it.',
      });
    throw e;
  }
}

export async function progDetails(engine: PinStore, target: { path: string } | { id: number }): Promise<ProgDetails> {
  if ('path' in target) {
    const kind = (await engine.pathInfo(target.path)).kind;
    if (kind !== 'prog')
      throw new BpfError('EINVAL', `"${target.path}" is a ${kind}, not a program.`, { path: target.path });
  }
  const h =
    'path' in target ? await engine.get(target.path, 'ro', { internal: true }) : await openProgById(engine, target.id);
  let info: ObjectInfo;
  let xlated;
  try {
    info = await engine.objectInfo(h.handle);
    xlated = await engine.progXlated(h.handle);
  } finally {
    await engine.close(h.handle);
  }
  if (info.kind !== 'prog') throw new BpfError('EINVAL', `This object is a ${info.kind}, not a program.`);
  const names = xlated.callNames ?? {};
  const disasm = disassemble(xlated.insns, { callName: (index) => names[index] });
  const mapIds = [...new Set(disasm.flatMap((l) => (l.mapId === undefined ? [] : [l.mapId])))];
  const maps = new Map(
    await Promise.all(mapIds.map(async (id) => [id, await summaryOrNone(engine, 'map', id)] as const)),
  );
  const lines = disasm.map(({ mapId, ...line }): ProgLine => {
    if (mapId === undefined) return line;
    const map = maps.get(mapId);
    return { ...line, mapRef: { id: mapId, name: map?.name ?? '', pins: map?.pins ?? [] } };
  });
  return {
    info,
    lines,
    jitedLen: info.jitedLen,
    tag: info.tag,
    loadedAt: info.loadedAt,
    createdByUid: info.createdByUid,
    verifiedInsns: info.verifiedInsns,
    runCnt: info.runCnt,
    runTimeNs: info.runTimeNs,
  };
}

export async function linkDetails(engine: PinStore, path: string): Promise<LinkDetails> {
  const info = await engine.pathInfo(path);
  if (info.kind !== 'link') throw new BpfError('EINVAL', `"${path}" is a ${info.kind}, not a link.`, { path });
  const prog = await summaryOrNone(engine, 'prog', info.progId);
  return {
    info,
    ...(prog ? { prog: { id: prog.id, name: prog.name, type: prog.type, pins: prog.pins } } : {}),
    target: describeLinkTarget(info.type, info.attach),
    detaches: detachSentence(info.type, info.attach, prog?.name ?? ''),
  };
}
