// Fresh engines for one scenario: the emulator, and the kernel through a private bpffs mount.
import type { PinStore } from '../shared/engine.js';

import { createEmulatedEngine, hostPossibleCpus } from '../main/engine/emulated/index.js';
import { createNativeEngine } from '../main/engine/native/index.js';
import { canMountBpffs, mountPrivateBpffs } from '../test/support/bpffs.js';

import { conformanceCpu, pinThread } from './affinity.js';
import { UserChildren } from './as-user.js';
import type { RunAsUser } from './credentials.js';
import { LabelTable } from './labels.js';
import { runOp } from './run.js';
import { opSchema } from './scenario.js';

export interface OpenEngine {
  store: PinStore;
  /**
   * Extra looks before `alive` answers true: on the kernel a pin's reference drops when its inode is
   * freed after an RCU grace period, and map-in-map / prog_array entries are released from a work
   * queue, so "still alive" is only believed after these delays (ms).
   */
  settleDelaysMs?: readonly number[];
  /** Runs one path operation as another uid and gid (`as_user`). */
  runAsUser?: RunAsUser;
  /** Disposes the engine and, for native, unmounts its private bpffs. */
  close(): Promise<void>;
}

export type EngineFactory = () => Promise<OpenEngine>;

/** Why native runs are impossible here, or undefined when they are possible. */
export function nativeUnavailable(): string | undefined {
  return canMountBpffs();
}

/** The process umask, which the kernel applies to the native engine's mkdir and pin. */
function processUmask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

/** The CPU both engines' calls run on (native pins itself there), so LRU answers are deterministic. */
const CPU = conformanceCpu();

export const openEmulated: EngineFactory = async () => {
  const store = createEmulatedEngine({
    possibleCpus: hostPossibleCpus(),
    cpu: CPU,
    demo: false,
    traffic: false,
    umask: processUmask(),
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
  });
  const runAsUser: RunAsUser = (who, raw) =>
    store.asUser(who, async () => {
      const op = opSchema.parse(raw);
      const labels = new LabelTable();
      const outcome = await runOp(store, labels, op);
      // A handle the other user got ends with the operation, as the kernel side's child process does.
      if (op.op === 'get' && 'ok' in outcome) await store.close(labels.resolve(op.as).handle);
      return outcome;
    });
  return { store, runAsUser, close: () => store.dispose() };
};

export const openNative: EngineFactory = async () => {
  const mount = await mountPrivateBpffs();
  const unpin = pinThread(CPU);
  try {
    const store = createNativeEngine({ bpffs: mount.dir });
    const users = new UserChildren(mount.dir);
    return {
      store,
      // The kernel frees some objects from a workqueue (a prog_array's entries when its map goes), which a busy
      // machine can hold back for tens of ms: the last look waits long enough for that.
      settleDelaysMs: [2, 10, 40, 200],
      runAsUser: users.run,
      close: async () => {
        try {
          await users.close();
          await store.dispose();
        } finally {
          unpin();
          await mount.cleanup();
        }
      },
    };
  } catch (e) {
    unpin();
    await mount.cleanup();
    throw e;
  }
};
