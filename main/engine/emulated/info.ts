// What BPF_OBJ_GET_INFO_BY_FD reports for an emulated object.
import { LINK_TYPES, MAP_TYPES, mapFlagNames, PROG_TYPES } from '../../../shared/bpf/types.js';
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
      ifindex: 0,
      mapExtra: obj.mapExtra,
      possibleCpus,
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
      xlatedLen: obj.insns.length,
      loadedAt: obj.loadedAt,
      createdByUid: obj.createdByUid,
      mapIds: obj.usedMaps.map((m) => m.id),
      gplCompatible: obj.gplCompatible,
      btfId: 0,
      runTimeNs: obj.runTimeNs,
      runCnt: obj.runCnt,
      verifiedInsns: obj.verifiedInsns,
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
