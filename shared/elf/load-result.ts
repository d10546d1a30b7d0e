// What loading an ELF object pinned, and the naming rules both engines follow (libbpf's and bpftool's).
import { joinPath } from '../bpf/paths.js';

export interface LoadedProgram {
  name: string;
  section: string;
  type: string;
  id: number;
  path: string;
}
export interface LoadedMap {
  name: string;
  type: string;
  id: number;
  path: string;
}

/** The result of `loadObject`: every program and map of the object, pinned under the folder. */
export interface LoadObjectResult {
  programs: LoadedProgram[];
  maps: LoadedMap[];
}

/** The name a program or map is pinned under: libbpf's sanitize_pin_path turns dots (bpffs refuses them) into "_". */
export function pinNameOf(name: string): string {
  return name.replace(/\./g, '_');
}

/**
 * Why a program or map name cannot name a pin in the folder (it would be a path: "..", or contain "/" or NUL),
 * or undefined. Objects are untrusted input: such a name would pin or reuse a pin outside the folder.
 */
export function pinNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'it is not a file name';
  if (name.includes('/')) return 'it contains "/"';
  if (name.includes('\0')) return 'it contains a NUL byte';
  return undefined;
}

/** Where a program or map is pinned under the folder. */
export function pinPathOf(folder: string, name: string): string {
  return joinPath(folder, pinNameOf(name));
}

/**
 * libbpf's object name as bpftool gets it (bpf_object__open_file): the file name up to its first dot. It
 * prefixes internal map names, so minimal.bpf.o's .bss is "minimal.bss", pinned as minimal_bss.
 */
export function objectNameOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot < 0 ? base : base.slice(0, dot);
}

/** The name the kernel keeps: libbpf cuts object names to BPF_OBJ_NAME_LEN - 1 = 15 characters. */
export function kernelNameOf(name: string): string {
  return name.slice(0, 15);
}
