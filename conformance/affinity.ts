// Pins the calling thread to one CPU for native runs: the kernel's LRU maps keep per-CPU lists, so which
// keys an update evicts depends on the CPU each bpf(2) call runs on. The emulator models that CPU.
import koffi from 'koffi';

const MASK_BYTES = 128; // 1024 CPUs, glibc's cpu_set_t

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;
let calls: { get: NativeFunction; set: NativeFunction } | undefined;

function libc(): { get: NativeFunction; set: NativeFunction } {
  if (!calls) {
    const lib = koffi.load('libc.so.6');
    calls = {
      get: lib.func('int sched_getaffinity(int pid, size_t size, void *mask)'),
      set: lib.func('int sched_setaffinity(int pid, size_t size, void *mask)'),
    };
  }
  return calls;
}

function currentMask(): Buffer {
  const mask = Buffer.alloc(MASK_BYTES);
  if (Number(libc().get(0, MASK_BYTES, mask)) !== 0)
    throw new Error(`sched_getaffinity failed (errno ${koffi.errno()})`);
  return mask;
}

/** The lowest CPU this thread may run on: the one conformance runs pin to and the emulator models. */
export function conformanceCpu(): number {
  if (process.platform !== 'linux') return 0;
  const mask = currentMask();
  for (let cpu = 0; cpu < MASK_BYTES * 8; cpu++) if (mask[cpu >> 3]! & (1 << (cpu & 7))) return cpu;
  return 0;
}

/** Pins this thread to `cpu`; the returned function restores the CPUs it could run on before. */
export function pinThread(cpu: number): () => void {
  const before = currentMask();
  const mask = Buffer.alloc(MASK_BYTES);
  mask[cpu >> 3] = 1 << (cpu & 7);
  if (Number(libc().set(0, MASK_BYTES, mask)) !== 0)
    throw new Error(`sched_setaffinity to CPU ${cpu} failed (errno ${koffi.errno()})`);
  return () => {
    libc().set(0, MASK_BYTES, before);
  };
}
