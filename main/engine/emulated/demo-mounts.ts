// The demo host's second bpffs: a container's, in its own mount namespace, mounted for an unprivileged agent
// with BPF token delegation (as systemd PrivateBPF= or a rootless runtime would).
import type { BpffsMountOptions } from '../../../shared/bpf/mount-options.js';

import { preloadDebugLinks, simpleProgram } from './demo.js';
import { demoMapBtf } from './demo-btf.js';
import type { EmulatedEngine } from './engine.js';
import type { EmulatedMount } from './mounts.js';

export const CONTAINER_MOUNT_OPTIONS: BpffsMountOptions = {
  uid: 1000,
  gid: 1000,
  mode: 0o750,
  delegate: {
    cmds: ['map_create', 'prog_load', 'obj_pin', 'obj_get'],
    maps: ['hash', 'array', 'ringbuf'],
    progs: ['socket_filter', 'xdp'],
    attachs: ['any'],
  },
};

/** Runs `fn` on `mount`'s tree, then shows the mount that was shown before. */
export function inMount(engine: EmulatedEngine, mount: EmulatedMount, fn: () => void): void {
  const before = engine.tree;
  engine.tree = mount.tree;
  try {
    fn();
  } finally {
    engine.tree = before;
  }
}

/** A container's /sys/fs/bpf with a map and a program its agent (uid 1000) pinned. */
export function buildContainerMount(engine: EmulatedEngine, preload: boolean): EmulatedMount {
  const mount = engine.addMount({
    mountPoint: '/sys/fs/bpf',
    options: CONTAINER_MOUNT_OPTIONS,
    namespace: 4026532301,
    processes: [
      { pid: 2417, comm: 'containerd-shim' },
      { pid: 2440, comm: 'flow-agent' },
    ],
  });
  inMount(engine, mount, () => {
    if (preload) preloadDebugLinks(engine);
    const flows = engine.makeMap({
      type: 'hash',
      name: 'flow_table',
      keySize: 8,
      valueSize: 16,
      maxEntries: 1024,
      flags: [],
      btf: demoMapBtf('u64', 'datarec'),
    });
    const filter = engine.makeProgram({
      type: 'socket_filter',
      name: 'flow_filter',
      insns: simpleProgram(0, 2),
      license: 'GPL',
    });
    // The container's agent made these as uid 1000, so they are its own.
    const { uid, gid } = engine.core;
    Object.assign(engine.core, { uid: 1000, gid: 1000 });
    try {
      engine.pinObject(flows, 'flow_table');
      engine.pinObject(filter, 'flow_filter');
    } finally {
      Object.assign(engine.core, { uid, gid });
    }
  });
  return mount;
}
