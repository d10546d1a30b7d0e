// Maps made from outside bpfscope with `bpftool map create`, the way a user's own tools make them.
import { execFileSync } from 'node:child_process';

export interface ToolMap {
  type: string;
  name: string;
  /** Defaults: key 4, value 8, 8 entries, no flags. */
  key?: number;
  value?: number;
  entries?: number;
  /** map_flags as a number, e.g. 1024 for BPF_F_MMAPABLE. */
  flags?: number;
  /** For map-in-map types: the pinned map whose shape the inner maps take. */
  innerPinned?: string;
}

/** The arguments of `bpftool map create PATH ...` for one map. */
export function mapCreateArgs(path: string, m: ToolMap): string[] {
  const shape = ['type', m.type, 'key', `${m.key ?? 4}`, 'value', `${m.value ?? 8}`, 'entries', `${m.entries ?? 8}`];
  const flags = m.flags === undefined ? [] : ['flags', `${m.flags}`];
  const inner = m.innerPinned === undefined ? [] : ['inner_map', 'pinned', m.innerPinned];
  return ['map', 'create', path, ...shape, 'name', m.name, ...flags, ...inner];
}

/** Creates a map with bpftool and pins it at `path` (an absolute path); throws with bpftool's error when refused. */
export function bpftoolMapCreate(path: string, m: ToolMap): void {
  execFileSync('bpftool', mapCreateArgs(path, m), { stdio: 'pipe' });
}
