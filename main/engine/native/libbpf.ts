// The system's libbpf (libbpf.so.1) through koffi: open an ELF object from memory, load it, and walk its
// programs and maps. libbpf's log is captured through libbpf_set_print so a failed load can quote the verifier.
import koffi from 'koffi';

import { BpfError } from '../../../shared/errors.js';

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;
type Pointer = unknown;

interface Libbpf {
  openMem: NativeFunction;
  load: NativeFunction;
  close: NativeFunction;
  nextProgram: NativeFunction;
  progName: NativeFunction;
  progSection: NativeFunction;
  progType: NativeFunction;
  progFd: NativeFunction;
  nextMap: NativeFunction;
  mapName: NativeFunction;
  mapFd: NativeFunction;
  mapType: NativeFunction;
  vsnprintf: NativeFunction;
}

let lib: Libbpf | undefined;
/** Lines libbpf printed during the current open/load (only one runs at a time: all calls are synchronous). */
let logLines: string[] = [];

function loadLibbpf(): Libbpf {
  if (lib) return lib;
  let so;
  try {
    so = koffi.load('libbpf.so.1');
  } catch (e) {
    throw new BpfError(
      'ENOSYS',
      `Loading ELF objects needs libbpf.so.1, which could not be opened: ${(e as Error).message}`,
      {
        hint: 'Install the libbpf1 package (apt-get install libbpf1), then restart bpfscope.',
      },
    );
  }
  const libc = koffi.load('libc.so.6');
  const loaded: Libbpf = {
    openMem: so.func('void *bpf_object__open_mem(const void *buf, size_t size, const void *opts)'),
    load: so.func('int bpf_object__load(void *obj)'),
    close: so.func('void bpf_object__close(void *obj)'),
    nextProgram: so.func('void *bpf_object__next_program(void *obj, void *prev)'),
    progName: so.func('const char *bpf_program__name(void *prog)'),
    progSection: so.func('const char *bpf_program__section_name(void *prog)'),
    progType: so.func('int bpf_program__type(void *prog)'),
    progFd: so.func('int bpf_program__fd(void *prog)'),
    nextMap: so.func('void *bpf_object__next_map(void *obj, void *prev)'),
    mapName: so.func('const char *bpf_map__name(void *map)'),
    mapFd: so.func('int bpf_map__fd(void *map)'),
    mapType: so.func('int bpf_map__type(void *map)'),
    // va_list travels as a pointer on x86-64 and arm64 (an array / a struct passed by reference).
    vsnprintf: libc.func('int vsnprintf(char *buf, size_t size, const char *fmt, void *args)'),
  };
  const printProto = koffi.proto('int bpfscope_libbpf_print(int level, const char *fmt, void *args)');
  const setPrint = so.func('void *libbpf_set_print(void *fn)');
  const buf = Buffer.alloc(4096);
  // Registered once for the life of the process: libbpf keeps the pointer.
  const cb = koffi.register((level: number, fmt: string, args: Pointer) => {
    if (level > 1) return 0; // LIBBPF_DEBUG: too chatty for an error message
    const n = Number(loaded.vsnprintf(buf, buf.length, fmt, args));
    const text = buf.toString('utf8', 0, Math.max(0, Math.min(n, buf.length - 1)));
    for (const line of text.split('\n')) if (line.trim() !== '') logLines.push(line);
    if (logLines.length > 2000) logLines = logLines.slice(-1000);
    return 0;
  }, koffi.pointer(printProto));
  setPrint(cb);
  lib = loaded;
  return lib;
}

export interface LibbpfProgram {
  name: string;
  section: string;
  typeId: number;
  fd: number;
}
export interface LibbpfMap {
  name: string;
  typeId: number;
  fd: number;
}

/** A loaded bpf_object: its programs and maps with their fds, valid until close(). */
export interface LoadedObject {
  programs: LibbpfProgram[];
  maps: LibbpfMap[];
  close(): void;
}

/** The last lines libbpf printed, for an error message. */
function tail(lines: string[], n: number): string {
  return lines
    .slice(-n)
    .map((l) => l.replace(/^libbpf: /, ''))
    .join('\n');
}

/** The object name libbpf uses for internal map names: the file name without its directory. */
function openOpts(objectName: string): { opts: Buffer; keep: Buffer } {
  const name = Buffer.from(`${objectName}\0`, 'utf8');
  const opts = Buffer.alloc(16);
  opts.writeBigUInt64LE(16n, 0); // sz: only object_name is set
  opts.writeBigUInt64LE(BigInt(koffi.address(name)), 8);
  return { opts, keep: name };
}

/** bpf_object__open_mem + bpf_object__load; throws a BpfError quoting libbpf's log on failure. */
export function openAndLoad(data: Uint8Array, objectName: string): LoadedObject {
  const l = loadLibbpf();
  logLines = [];
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { opts, keep } = openOpts(objectName);
  const obj = l.openMem(bytes, bytes.length, opts) as Pointer;
  void keep;
  if (obj === null) {
    // libbpf's own errno values (4000+) name nothing the user knows: its log says what is wrong.
    throw new BpfError(
      'EINVAL',
      `"${objectName}" is not a BPF ELF object libbpf can open:\n${tail(logLines, 8)}`.trim(),
      {
        hint: 'Drop an object compiled with clang -target bpf -c.',
      },
    );
  }
  const err = Number(l.load(obj));
  if (err < 0) {
    const lines = logLines;
    l.close(obj);
    throw new BpfError(errnoOf(-err), `Loading "${objectName}" failed (${-err}):\n${tail(lines, 12)}`, {
      hint: 'The verifier log above says which instruction it rejected.',
    });
  }
  const programs: LibbpfProgram[] = [];
  for (let p = l.nextProgram(obj, null) as Pointer; p !== null; p = l.nextProgram(obj, p) as Pointer) {
    programs.push({
      name: String(l.progName(p)),
      section: String(l.progSection(p)),
      typeId: Number(l.progType(p)),
      fd: Number(l.progFd(p)),
    });
  }
  const maps: LibbpfMap[] = [];
  for (let m = l.nextMap(obj, null) as Pointer; m !== null; m = l.nextMap(obj, m) as Pointer) {
    maps.push({ name: String(l.mapName(m)), typeId: Number(l.mapType(m)), fd: Number(l.mapFd(m)) });
  }
  let closed = false;
  return {
    programs,
    maps,
    close: () => {
      if (!closed) {
        closed = true;
        l.close(obj);
      }
    },
  };
}

function errnoOf(n: number): 'EACCES' | 'EPERM' | 'EINVAL' | 'E2BIG' | 'ENOENT' | 'ENOSPC' {
  const known = { 1: 'EPERM', 2: 'ENOENT', 7: 'E2BIG', 13: 'EACCES', 28: 'ENOSPC' } as const;
  return known[n as keyof typeof known] ?? 'EINVAL';
}
