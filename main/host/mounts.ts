// The mounts list and the switch between mounts, for engines that reach several and those that know only one.
import { DEFAULT_MOUNT_OPTIONS } from '../../shared/bpf/mount-options.js';
import type { EngineDescription, PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';
import type { BpffsMount } from '../../shared/mounts.js';

import type { UndoRegistry } from './undo.js';

/** The engine's mounts; an engine without a list (a snapshot) has just the one it shows. */
export async function listMounts(engine: PinStore): Promise<BpffsMount[]> {
  if (engine.mounts) return engine.mounts();
  const d = engine.describe();
  const id = d.mountId ?? d.mountPoint;
  return [
    {
      id,
      mountPoint: d.mountPoint,
      openPath: d.mountPoint,
      namespace: 0,
      own: true,
      options: DEFAULT_MOUNT_OPTIONS,
      optionText: '',
      processes: [],
      processCount: 0,
      current: true,
    },
  ];
}

/** Switches the tree to another mount; refused while a pin waits for Undo, which lives in the mount shown now. */
export async function openMount(engine: PinStore, undo: UndoRegistry, id: string): Promise<EngineDescription> {
  if (engine.describe().mountId === id) return engine.describe();
  if (!engine.openMount) {
    throw new BpfError('EOPNOTSUPP', 'This engine shows a single mount.', { hint: 'Open the other mount as a host.' });
  }
  const held = await undo.listHeld();
  if (held.length > 0) {
    const first = held[0]!;
    throw new BpfError('EBUSY', `${first.path} can still be undone, and its Undo lives in the mount shown now.`, {
      path: first.path,
      hint: `Undo it or wait ${Math.ceil(first.remainingMs / 1000)} s until the window closes, then switch.`,
    });
  }
  return engine.openMount(id);
}
