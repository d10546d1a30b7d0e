// Opens a .bpfsnap as a host: the emulated engine holding what was captured, read-only, named after the capture.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import type { EngineDescription } from '../../shared/engine.js';
import { BpfError, ERRNO, type ErrnoCode } from '../../shared/errors.js';

import { createHost, type Host } from '../host/create-host.js';
import { readOnlyEngine } from './read-only.js';
import { readSnapshot, type Snapshot } from './reader.js';
import { restoreEngine } from './restore.js';

export interface SnapshotHost extends Host {
  snapshot: Snapshot;
  /** What could not be put back as it was. */
  warnings: string[];
}

/** "HOST at 2026-12-07 00:41:05 UTC": how a snapshot's host is named in the UI. */
export function snapshotLabel(meta: Snapshot['meta']): string {
  const at = new Date(meta.capturedAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `${meta.host || 'unknown host'} at ${at}`;
}

export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new BpfError(code in ERRNO ? (code as ErrnoCode) : 'EIO', `Cannot read ${file}: ${code}.`, {
      hint: 'Give the path of a .bpfsnap file you may read.',
    });
  }
  return readSnapshot(bytes, basename(file));
}

/** A host on a snapshot's bytes, like openHost gives one on a live engine. */
export async function openSnapshotBytes(bytes: Uint8Array, name: string, file?: string): Promise<SnapshotHost> {
  return hostOf(await readSnapshot(bytes, name), file ?? name);
}

/** A host on a snapshot file, like openHost gives one on a live engine. */
export async function openSnapshotHost(file: string): Promise<SnapshotHost> {
  return hostOf(await readSnapshotFile(file), file);
}

function hostOf(snapshot: Snapshot, file: string): SnapshotHost {
  const { engine, warnings } = restoreEngine(snapshot);
  const label = snapshotLabel(snapshot.meta);
  const description: EngineDescription = {
    engine: 'emulated',
    mountPoint: snapshot.meta.mountPoint,
    possibleCpus: snapshot.meta.possibleCpus,
    kernel: snapshot.meta.kernel,
    snapshot: {
      host: snapshot.meta.host,
      capturedAt: snapshot.meta.capturedAt,
      label,
      file: basename(file),
      engine: snapshot.meta.engine,
    },
  };
  engine.describe = () => description;
  return { ...createHost(readOnlyEngine(engine, label)), snapshot, warnings };
}
