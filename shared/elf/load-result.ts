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

/** Where a program or map is pinned: libbpf's sanitize_pin_path turns dots (which bpffs refuses) into "_". */
export function pinPathOf(folder: string, name: string): string {
  return joinPath(folder, name.replace(/\./g, '_'));
}

/** The name the kernel keeps: libbpf cuts object names to BPF_OBJ_NAME_LEN - 1 = 15 characters. */
export function kernelNameOf(name: string): string {
  return name.slice(0, 15);
}
