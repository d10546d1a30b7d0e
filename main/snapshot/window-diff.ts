// A diff as the window shows it: the CLI's diff, each map with its info and BTF so that its rows decode with the
// same columns and formats as the live map view.
import type { MapDiffView, SnapshotDiffView } from '../../shared/snapshot-ops.js';

import { diffSnapshots } from './diff.js';
import { objectKey, type Snapshot } from './reader.js';

function decorate(snap: Snapshot, id: number, map: MapDiffView): MapDiffView {
  const info = snap.objects.get(objectKey('map', id))?.info;
  if (info?.kind !== 'map') return map;
  const btf = info.btfId !== 0 ? snap.btf.get(info.btfId) : undefined;
  return { ...map, info, ...(btf ? { btf } : {}) };
}

export function snapshotDiffView(a: Snapshot, b: Snapshot, labels: { from: string; to: string }): SnapshotDiffView {
  const diff = diffSnapshots(a, b, labels);
  return { ...diff, maps: diff.maps.map((m) => decorate(b, m.toId, decorate(a, m.fromId, m))) };
}
