// `bpftool prog loadall OBJ DIR pinmaps DIR` on the native engine: libbpf opens and loads the object (the
// kernel's verifier decides), then every program and map is pinned under the folder through the mount's
// confinement. Any failure unpins what was pinned; bpf_object__close always releases libbpf's fds.
import { fstatSync } from 'node:fs';

import { type LoadObjectResult, pinPathOf } from '../../../shared/elf/load-result.js';
import { BpfError } from '../../../shared/errors.js';

import type { MountPaths } from './confine.js';
import { wrap } from './errno.js';
import { pinAt, unlinkAt } from './fs-at.js';
import { objectRef } from './info.js';
import { openAndLoad } from './libbpf.js';

export function loadObjectNative(
  paths: MountPaths,
  folder: string,
  fileName: string,
  data: Uint8Array,
): LoadObjectResult {
  const st = wrap('Load object', folder, () => paths.atEntry(folder, 'Load object', true, (fd) => fstatSync(fd)));
  if (!st.isDirectory())
    throw new BpfError('ENOTDIR', `"${folder}" is not a folder; drop the object on a folder.`, { path: folder });
  const obj = openAndLoad(data, fileName);
  const pinned: string[] = [];
  const result: LoadObjectResult = { programs: [], maps: [] };
  const pin = (fd: number, name: string): { path: string; id: number; type: string } => {
    const path = pinPathOf(folder, name);
    wrap('Pin', path, () => pinAt(paths, fd, path));
    pinned.push(path);
    const ref = wrap('Info', path, () => objectRef(fd));
    return { path, id: ref?.id ?? 0, type: ref?.type ?? 'unknown' };
  };
  try {
    for (const p of obj.programs) result.programs.push({ name: p.name, section: p.section, ...pin(p.fd, p.name) });
    for (const m of obj.maps) result.maps.push({ name: m.name, ...pin(m.fd, m.name) });
    return result;
  } catch (e) {
    for (const path of pinned.reverse()) {
      try {
        unlinkAt(paths, path);
      } catch {
        /* already gone: nothing to undo */
      }
    }
    throw e;
  } finally {
    obj.close();
  }
}
