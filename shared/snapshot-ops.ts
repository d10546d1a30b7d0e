// The window's snapshot operations on the host list's control channel: capture a host with progress and cancel,
// open a .bpfsnap (uploaded in parts) as one more host, and diff two hosts (snapshots or live).
import { z } from 'zod';

import type { MapInfo } from './engine.js';
import type { CaptureProgress, MapEntriesDiff, SnapshotDiff } from './snapshot.js';

/** One part of an uploaded file: under the WebSocket's frame limit with room to spare. */
export const UPLOAD_PART_BYTES = 4 * 1024 * 1024;
/** The largest snapshot the window uploads. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

const hostId = z.string().min(1).max(300);
/** Chosen by the window, so that it can cancel a capture before the call returns. */
const captureId = z.string().min(1).max(64);
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'must be bytes (a Uint8Array)' });
const maps = z.union([z.literal('all'), z.literal('none'), z.object({ glob: z.string().min(1).max(1024) }).strict()]);

export const snapshotRequestSchemas = {
  snapshotCapture: z
    .object({
      host: hostId,
      capture: captureId,
      maps,
      maxEntries: z.number().int().min(0).max(0xffffffff).optional(),
    })
    .strict(),
  snapshotCancel: z.object({ capture: captureId }).strict(),
  snapshotUpload: z.object({ upload: captureId, part: bytes }).strict(),
  snapshotOpen: z.object({ upload: captureId, name: z.string().min(1).max(255) }).strict(),
  /** Compares `from` with `to`; a live host is captured first (its progress under `capture`). */
  snapshotDiff: z.object({ from: hostId, to: hostId, capture: captureId.optional() }).strict(),
} as const;

/** A captured file as the window saves it. */
export interface CapturedFile {
  name: string;
  bytes: Uint8Array;
}

/** A map's diff with what the window needs to decode its rows as the live view does. */
export interface MapDiffView extends MapEntriesDiff {
  info?: MapInfo;
  btf?: Uint8Array;
}

export interface SnapshotDiffView extends Omit<SnapshotDiff, 'maps'> {
  maps: MapDiffView[];
}

export interface SnapshotResponses {
  snapshotCapture: CapturedFile;
  snapshotCancel: Record<string, never>;
  snapshotUpload: { received: number };
  snapshotOpen: { id: string; label: string; warnings: string[] };
  snapshotDiff: SnapshotDiffView;
}

export type SnapshotEvent = { type: 'snapshot-progress'; capture: string; progress: CaptureProgress };
