// Drag sources and drop targets of the tree: every row drags its node; folder rows and the mount root
// take drops. A node moves (Ctrl/Alt: second pin); an object or handle opens "Pin here".
import { useCallback, useState } from 'react';

import type { DirEntry } from '../../shared/engine.js';

import { useAppStoreApi } from '../store/context.js';
import { dropPayload, endDrag, isOurDrag, startDrag, wantsLink } from './drag-data.js';
import { acceptFileDrag, dropObjectFiles } from './object-file.js';

export interface DropTargetProps {
  onDragOver(e: React.DragEvent): void;
  onDragLeave(e: React.DragEvent): void;
  onDrop(e: React.DragEvent): void;
  'aria-dropeffect'?: 'move' | 'link' | 'copy';
  'data-drop-target'?: 'true';
}

export interface TreeDnd {
  /** Drag-source props for a row. */
  sourceProps(entry: DirEntry): { draggable: true; onDragStart(e: React.DragEvent): void; onDragEnd(): void };
  /** Drop-target props for a folder row ("" = the mount root), undefined for rows that take no drops. */
  targetProps(entry: DirEntry | null): DropTargetProps | undefined;
  /** The folder currently under the drag, highlighted. */
  over: string | null;
}

export function useTreeDnd(): TreeDnd {
  const store = useAppStoreApi();
  const [over, setOver] = useState<string | null>(null);
  const [effect, setEffect] = useState<'move' | 'link' | 'copy'>('move');

  const sourceProps = useCallback(
    (entry: DirEntry) => ({
      draggable: true as const,
      onDragStart: (e: React.DragEvent) => startDrag(e.dataTransfer, { type: 'node', path: entry.path }),
      onDragEnd: () => {
        endDrag();
        setOver(null);
      },
    }),
    [],
  );

  const targetProps = (entry: DirEntry | null): DropTargetProps | undefined => {
    if (entry !== null && entry.kind !== 'dir') return undefined;
    const folder = entry?.path ?? '';
    const isOver = over === folder;
    return {
      onDragOver: (e) => {
        if (!isOurDrag(e.dataTransfer)) {
          // ELF object files from the desktop (renderer/dnd/object-file.ts)
          if (acceptFileDrag(e)) {
            setEffect('copy');
            setOver(folder);
          }
          return;
        }
        e.preventDefault();
        const payload = dropPayload(null);
        const next = payload === null || payload.type === 'node' ? (wantsLink(e) ? 'link' : 'move') : 'copy';
        if (e.dataTransfer) e.dataTransfer.dropEffect = next;
        setEffect(next);
        setOver(folder);
      },
      onDragLeave: () => setOver((o) => (o === folder ? null : o)),
      onDrop: (e) => {
        // ELF object files from the desktop
        if (!isOurDrag(e.dataTransfer) && dropObjectFiles(e, store.getState(), folder)) {
          setOver(null);
          return;
        }
        const payload = dropPayload(e.dataTransfer);
        setOver(null);
        endDrag();
        if (!payload) return;
        e.preventDefault();
        const s = store.getState();
        if (payload.type === 'node') void s.placeNode(payload.path, folder, wantsLink(e) ? 'link' : 'move');
        else s.openWorkflow({ kind: 'pin-here', folder, source: payload });
      },
      ...(isOver ? { 'aria-dropeffect': effect, 'data-drop-target': 'true' as const } : {}),
    };
  };

  return { sourceProps, targetProps, over };
}
