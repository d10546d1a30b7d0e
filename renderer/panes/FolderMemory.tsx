// A folder's memory: what the objects pinned at or below it are charged, each object once.
import { useEffect } from 'react';

import { byteCountText } from '../../shared/formats/units.js';

import { useAppStore } from '../store/context.js';
import { memoryUnder } from './objects-table.js';

export function FolderMemory({ path }: { path: string }) {
  const objects = useAppStore((s) => s.objects);
  const refreshObjects = useAppStore((s) => s.refreshObjects);
  useEffect(() => void refreshObjects(), [refreshObjects, path]);
  const { bytes, objects: n } = memoryUnder(objects, path);
  return (
    <section className="details-block folder-memory" aria-label="Folder memory">
      <h3>Memory</h3>
      <p>
        {n === 0
          ? 'No object pinned below this folder has a known memory figure.'
          : `${byteCountText(bytes)} (${bytes.toLocaleString('en-US')} bytes memlock) in ${n} object${n === 1 ? '' : 's'} pinned here or below, each counted once.`}
      </p>
    </section>
  );
}
