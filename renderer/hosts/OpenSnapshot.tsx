// "Open snapshot…": a .bpfsnap from the user's disk becomes one more host of the list (read-only); what went wrong
// with the last file is said under the button.
import { useRef } from 'react';

import { SNAPSHOT_EXTENSION } from '../../shared/snapshot.js';

import { useHosts } from './context.js';

export function OpenSnapshot() {
  const input = useRef<HTMLInputElement>(null);
  const open = useHosts((s) => s.openSnapshotFile);
  const opening = useHosts((s) => s.opening);
  return (
    <div className="open-snapshot">
      <button type="button" onClick={() => input.current?.click()}>
        Open snapshot…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Snapshot file"
        accept={SNAPSHOT_EXTENSION}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }}
      />
      {opening?.error && (
        <p className="host-error" role="alert">
          {opening.file}: {opening.error}
        </p>
      )}
      {opening?.warnings?.map((w) => (
        <p key={w} className="host-note">
          {opening.file}: {w}
        </p>
      ))}
    </div>
  );
}

/** Whether a drag carries files, one of them a snapshot (names are known only on drop). */
export const dragHasFiles = (e: React.DragEvent): boolean => e.dataTransfer.types.includes('Files');

/** The dropped .bpfsnap files, if any. */
export function droppedSnapshots(e: React.DragEvent): File[] {
  return [...e.dataTransfer.files].filter((f) => f.name.toLowerCase().endsWith(SNAPSHOT_EXTENSION));
}
