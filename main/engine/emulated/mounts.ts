// The emulated host's bpffs mounts: one tree each, over one object table, as several mounts of one kernel are.
// Mount options decide the root folder's owner and mode only (bpf_fill_super); new nodes take their creator's ids.
import { type BpffsMountOptions, formatMountOptions, mountRootMode } from '../../../shared/bpf/mount-options.js';
import type { Credentials } from '../../../shared/bpf/permissions.js';
import type { BpffsMount, MountProcess } from '../../../shared/mounts.js';

import { Tree } from './tree.js';

export interface EmulatedMountSpec {
  mountPoint: string;
  options: BpffsMountOptions;
  /** Another mount namespace's inode (a container's); the engine's own when left out. */
  namespace?: number;
  processes?: MountProcess[];
}

export interface EmulatedMount extends Required<EmulatedMountSpec> {
  id: string;
  own: boolean;
  tree: Tree;
}

/** The namespace the emulated engine runs in (the inode a first boot's init namespace usually has). */
export const OWN_NAMESPACE = 4026531841;

export class MountTable {
  private readonly all: EmulatedMount[] = [];

  constructor(private readonly cred: () => Credentials) {}

  add(spec: EmulatedMountSpec): EmulatedMount {
    const { uid, gid } = spec.options;
    const namespace = spec.namespace ?? OWN_NAMESPACE;
    const mount: EmulatedMount = {
      mountPoint: spec.mountPoint,
      options: spec.options,
      namespace,
      processes: spec.processes ?? (namespace === OWN_NAMESPACE ? [{ pid: process.pid, comm: 'bpfscope' }] : []),
      // Anonymous superblocks get 0:N devices, as bpffs instances do.
      id: `0:${40 + this.all.length}`,
      own: namespace === OWN_NAMESPACE,
      tree: new Tree(spec.mountPoint, this.cred, { mode: mountRootMode(spec.options), uid, gid }),
    };
    this.all.push(mount);
    return mount;
  }

  get(id: string): EmulatedMount | undefined {
    return this.all.find((m) => m.id === id);
  }

  byTree(tree: Tree): EmulatedMount | undefined {
    return this.all.find((m) => m.tree === tree);
  }

  /** A mount of another namespace is opened through one of its processes, as the native engine does. */
  openPath(m: EmulatedMount): string {
    const first = m.processes[0];
    return m.own || !first ? m.mountPoint : `/proc/${first.pid}/root${m.mountPoint}`;
  }

  list(current: Tree): BpffsMount[] {
    return this.all.map((m) => {
      return {
        id: m.id,
        mountPoint: m.mountPoint,
        openPath: this.openPath(m),
        namespace: m.namespace,
        own: m.own,
        options: m.options,
        optionText: formatMountOptions(m.options),
        processes: m.processes,
        processCount: m.processes.length,
        current: m.tree === current,
      };
    });
  }
}
