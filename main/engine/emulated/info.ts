// What BPF_OBJ_GET_INFO_BY_FD reports for an emulated object.
import { mapMemlock, memlockCountsElements, progMemlock } from '../../../shared/bpf/memlock.js';
import { LINK_TYPES, MAP_FLAGS, MAP_TYPES, mapFlagNames, PROG_TYPES } from '../../../shared/bpf/types.js';
import type { ObjectInfo, ObjectRef } from '../../../shared/engine.js';

import type { BpfObject } from './objects.js';

export function objectInfoOf(obj: BpfObject, possibleCpus: number): ObjectInfo {
  if (obj.kind === 'map') {
    return {
      kind: 'map',
      id: obj.id,
      type: obj.type,
      typeId: MAP_TYPES[obj.type],
      name: obj.name,
      keySize: obj.keySize,
      valueSize: obj.valueSize,
      maxEntries: obj.maxEntries,
      flags: obj.flags,
      flagNames: mapFlagNames(obj.flags),
      frozen: obj.frozen,
      btfId: obj.btf?.id ?? 0,
      btfKeyTypeId: obj.btf?.keyTypeId ?? 0,
      btfValueTypeId: obj.btf?.valueTypeId ?? 0,
      ifindex: obj.ifindex ?? 0,
      mapExtra: obj.mapExtra,
      possibleCpus,
      ...memlockOf(obj, possibleCpus),
    };
  }
  if (obj.kind === 'prog') {
    return {
      kind: 'prog',
      id: obj.id,
      type: obj.type,
      typeId: PROG_TYPES[obj.type],
      name: obj.name,
      ...(obj.fullName !== undefined ? { fullName: obj.fullName } : {}),
      tag: obj.tag,
      jitedLen: obj.jitedLen,
      xlatedLen: (obj.xlated ?? obj.insns).length,
      loadedAt: obj.loadedAt,
      createdByUid: obj.createdByUid,
      mapIds: obj.usedMaps.map((m) => m.id),
      gplCompatible: obj.gplCompatible,
      btfId: obj.btfId ?? 0,
      runTimeNs: obj.runTimeNs,
      runCnt: obj.runCnt,
      verifiedInsns: obj.verifiedInsns,
      memlock: progMemlock(obj.insns.length),
    };
  }
  return {
    kind: 'link',
    id: obj.id,
    type: obj.type,
    typeId: LINK_TYPES[obj.type],
    progId: obj.prog.id,
    attach: { ...obj.attach },
  };
}

export function refOf(obj: BpfObject): ObjectRef {
  if (obj.kind === 'link') return { kind: 'link', id: obj.id, type: obj.type, name: '' };
  if (obj.kind === 'prog' && obj.fullName !== undefined)
    return { kind: 'prog', id: obj.id, type: obj.type, name: obj.name, fullName: obj.fullName };
  return { kind: obj.kind, id: obj.id, type: obj.type, name: obj.name };
}

/** What the kernel would charge a map or program, as `{ memlock }`, or `{}` where the model has no figure. */
export function memlockOf(obj: BpfObject, possibleCpus: number): { memlock?: number } {
  if (obj.kind === 'prog') return { memlock: progMemlock(obj.insns.length) };
  if (obj.kind !== 'map') return {};
  const noPrealloc = (obj.flags & MAP_FLAGS.no_prealloc) !== 0;
  const memlock = mapMemlock(
    {
      type: obj.type,
      keySize: obj.keySize,
      valueSize: obj.valueSize,
      maxEntries: obj.maxEntries,
      noPrealloc,
      mmapable: (obj.flags & MAP_FLAGS.mmapable) !== 0,
      count: memlockCountsElements(obj.type, noPrealloc) ? obj.store.entries().length : 0,
      mapExtra: obj.mapExtra,
    },
    possibleCpus,
  );
  return memlock === undefined ? {} : { memlock };
}
