// `bpftool prog loadall OBJ DIR pinmaps DIR` on the emulated engine: parse the ELF in TypeScript, create its
// maps, load its programs with map loads pointing at the new maps, pin everything under the folder.
// Goes through the PinStore API only; any failure unpins what was pinned and closes every handle.
import { parseBpfObject } from '../../../shared/elf/bpf-object.js';
import { kernelNameOf, type LoadObjectResult, pinPathOf } from '../../../shared/elf/load-result.js';
import type { PinStore } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

const PSEUDO_MAP_FD = 1;

/** The instructions with each map-loading ld_imm64 turned into BPF_PSEUDO_MAP_FD of the map's handle. */
function linkMaps(insns: Uint8Array, refs: { insn: number; map: string }[], handleOf: Map<string, number>): Uint8Array {
  const out = insns.slice();
  const dv = new DataView(out.buffer);
  for (const ref of refs) {
    const at = ref.insn * 8;
    out[at + 1] = (PSEUDO_MAP_FD << 4) | (out[at + 1]! & 0x0f);
    dv.setInt32(at + 4, handleOf.get(ref.map)!, true);
  }
  return out;
}

export async function loadObjectThrough(
  engine: PinStore,
  folder: string,
  fileName: string,
  data: Uint8Array,
): Promise<LoadObjectResult> {
  const dir = await engine.stat(folder);
  if (dir.kind !== 'dir')
    throw new BpfError('ENOTDIR', `"${folder}" is not a folder; drop the object on a folder.`, { path: folder });
  const obj = parseBpfObject(data);
  const handles: number[] = [];
  const pinned: string[] = [];
  const result: LoadObjectResult = { programs: [], maps: [] };
  try {
    const handleOf = new Map<string, number>();
    const mapIds = new Map<string, { id: number; type: string }>();
    for (const m of obj.maps) {
      const h = await engine.createMap({ ...m, name: kernelNameOf(m.name) });
      handles.push(h.handle);
      handleOf.set(m.name, h.handle);
      mapIds.set(m.name, { id: h.id, type: h.type });
    }
    const progs = [];
    for (const p of obj.programs) {
      const h = await engine
        .loadProgram({
          type: p.type,
          name: kernelNameOf(p.name),
          license: obj.license,
          insns: linkMaps(p.insns, p.mapRefs, handleOf),
        })
        .catch((e: unknown) => {
          throw explain(e, fileName, p.name);
        });
      handles.push(h.handle);
      progs.push({ p, h });
    }
    for (const { p, h } of progs) {
      const path = pinPathOf(folder, p.name);
      await engine.pin(h.handle, path).catch((e: unknown) => {
        throw withPath(e, path);
      });
      pinned.push(path);
      result.programs.push({ name: p.name, section: p.section, type: h.type, id: h.id, path });
    }
    for (const m of obj.maps) {
      const path = pinPathOf(folder, m.name);
      await engine.pin(handleOf.get(m.name)!, path).catch((e: unknown) => {
        throw withPath(e, path);
      });
      pinned.push(path);
      result.maps.push({ name: m.name, ...mapIds.get(m.name)!, path });
    }
    return result;
  } catch (e) {
    for (const path of pinned.reverse()) await engine.unlink(path).catch(() => undefined);
    throw e;
  } finally {
    for (const h of handles) await engine.close(h).catch(() => undefined);
  }
}

/** A verifier rejection, saying which program of which file it was. */
function explain(e: unknown, fileName: string, prog: string): unknown {
  if (!(e instanceof BpfError)) return e;
  return new BpfError(e.code, `Loading "${fileName}" failed: program "${prog}": ${e.message}`, { hint: e.hint });
}

/** A pin failure names the path it concerns (the UI shows which name was taken). */
function withPath(e: unknown, path: string): unknown {
  if (!(e instanceof BpfError) || e.path !== undefined) return e;
  return new BpfError(e.code, e.message, { path, hint: e.hint });
}
