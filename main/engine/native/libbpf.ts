// The system's libbpf (libbpf.so.1) through koffi, for the loader child only: open an ELF object from memory,
// load it, walk its programs and maps, pin. libbpf's messages are captured whole (vasprintf, no fixed buffer).
import koffi from 'koffi';

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;
export type Pointer = unknown;

export interface Libbpf {
  openMem: NativeFunction;
  load: NativeFunction;
  nextProgram: NativeFunction;
  progName: NativeFunction;
  progSection: NativeFunction;
  progFd: NativeFunction;
  nextMap: NativeFunction;
  mapName: NativeFunction;
  mapFd: NativeFunction;
  mapIsPinned: NativeFunction;
  objPin: NativeFunction;
  progTypeByName: NativeFunction;
}

/** libbpf's print levels: 0 warn, 1 info, 2 debug. */
const LIBBPF_INFO = 1;

/** libbpf's messages since the last take(); debug messages only while `debug` is set. */
export const libbpfLog = {
  text: [] as string[],
  debug: [] as string[],
  captureDebug: false,
  take(): string {
    const all = this.text.join('');
    this.text = [];
    return all;
  },
};

let lib: Libbpf | undefined;

/** Binds libbpf.so.1 and registers the print callback; throws what koffi says when it cannot be loaded. */
export function loadLibbpf(): Libbpf {
  if (lib) return lib;
  const so = koffi.load('libbpf.so.1');
  const libc = koffi.load('libc.so.6');
  const vasprintf = libc.func('int vasprintf(_Out_ void **strp, const char *fmt, void *args)');
  const free = libc.func('void free(void *ptr)');
  const printProto = koffi.proto('int bpfscope_libbpf_print(int level, const char *fmt, void *args)');
  const setPrint = so.func('void *libbpf_set_print(void *fn)');
  // Registered once for the life of the process: libbpf keeps the pointer.
  const cb = koffi.register((level: number, fmt: string, args: Pointer) => {
    if (level > LIBBPF_INFO && !libbpfLog.captureDebug) return 0;
    const out: Pointer[] = [null];
    // va_list travels as a pointer on x86-64 and arm64; vasprintf sizes its own buffer, so nothing is cut.
    const n = Number(vasprintf(out, fmt, args));
    if (n < 0 || out[0] === null) return 0;
    const text = koffi.decode(out[0], 'char', n) as string;
    free(out[0]);
    (level > LIBBPF_INFO ? libbpfLog.debug : libbpfLog.text).push(text);
    return 0;
  }, koffi.pointer(printProto));
  setPrint(cb);
  lib = {
    openMem: so.func('void *bpf_object__open_mem(const void *buf, size_t size, const void *opts)'),
    load: so.func('int bpf_object__load(void *obj)'),
    nextProgram: so.func('void *bpf_object__next_program(void *obj, void *prev)'),
    progName: so.func('const char *bpf_program__name(void *prog)'),
    progSection: so.func('const char *bpf_program__section_name(void *prog)'),
    progFd: so.func('int bpf_program__fd(void *prog)'),
    nextMap: so.func('void *bpf_object__next_map(void *obj, void *prev)'),
    mapName: so.func('const char *bpf_map__name(void *map)'),
    mapFd: so.func('int bpf_map__fd(void *map)'),
    mapIsPinned: so.func('bool bpf_map__is_pinned(void *map)'),
    objPin: so.func('int bpf_obj_pin(int fd, const char *pathname)'),
    progTypeByName: so.func('int libbpf_prog_type_by_name(const char *name, _Out_ int *type, _Out_ int *attach)'),
  };
  return lib;
}

/** struct bpf_object_open_opts up to pin_root_path: sz @0, object_name @8, relaxed_maps @16, pin_root_path @24. */
export function openOpts(objectName: string, pinRoot: string): { opts: Buffer; keep: Buffer[] } {
  const name = Buffer.from(`${objectName}\0`, 'utf8');
  const root = Buffer.from(`${pinRoot}\0`, 'utf8');
  const opts = Buffer.alloc(32);
  opts.writeBigUInt64LE(32n, 0);
  opts.writeBigUInt64LE(BigInt(koffi.address(name)), 8);
  opts.writeBigUInt64LE(BigInt(koffi.address(root)), 24);
  return { opts, keep: [name, root] };
}

/** The section names this libbpf knows, from the list it prints when a name matches none of them. */
export function knownSectionNames(l: Libbpf): string[] {
  libbpfLog.captureDebug = true;
  libbpfLog.debug = [];
  try {
    l.progTypeByName('?', [0], [0]);
  } finally {
    libbpfLog.captureDebug = false;
  }
  const marker = 'supported section(type) names are:';
  const line = libbpfLog.debug.find((t) => t.includes(marker));
  if (!line) return [];
  const names = line
    .slice(line.indexOf(marker) + marker.length)
    .trim()
    .split(/\s+/);
  return [...new Set(names.map((n) => n.replace(/[+/]+$/, '')))];
}
