// `bpftool prog loadall OBJ DIR pinmaps DIR` on the emulated engine: parse the ELF in TypeScript, create its
// maps, load its programs with map loads pointing at the new maps, pin everything under the folder.
// LIBBPF_PIN_BY_NAME maps are pinned by name under the folder when created, or an existing pin there is
// reused, as libbpf does with the folder as pin root. Goes through the PinStore API only; any failure unpins
// what this load pinned (never a pin it reused) and closes every handle.

import { parseBpfObject } from '../../../shared/elf/bpf-object.js';
import type { MapDef } from '../../../shared/elf/btf-maps.js';
import type { MapRef } from '../../../shared/elf/link-code.js';
import { loadHint } from '../../../shared/elf/load-errors.js';
import { kernelNameOf, type LoadObjectResult, pinPathOf } from '../../../shared/elf/load-result.js';
import type { HandleInfo, MapSpec, PinStore } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';
import { describeMismatch, LIBBPF_PIN_BY_NAME, reuseMismatches } from '../../../shared/pin-compat.js';

import { hostKernelBtf } from './kernel-btf.js';
import { hostKconfig } from './kernel-config.js';
import { hostKallsyms } from './kernel-syms.js';

const PSEUDO_MAP_FD = 1;
const PSEUDO_MAP_VALUE = 2;
/** The emulated host's page size, to which libbpf rounds ring buffer sizes. */
const EMULATED_PAGE_SIZE = 4096;

/** Map types libbpf creates without BTF key/value types (bpf_object__create_map). */
const LIBBPF_NO_BTF: ReadonlySet<string> = new Set([
  'perf_event_array',
  'cgroup_array',
  'stack_trace',
  'array_of_maps',
  'hash_of_maps',
  'devmap',
  'devmap_hash',
  'cpumap',
  'xskmap',
  'sockmap',
  'sockhash',
  'queue',
  'stack',
  'arena',
]);

/** The instructions with each map-loading ld_imm64 turned into a map fd, or a map value address, of its handle. */
function linkMaps(insns: Uint8Array, refs: MapRef[], handleOf: Map<string, number>): Uint8Array {
  const out = insns.slice();
  const dv = new DataView(out.buffer);
  for (const ref of refs) {
    const at = ref.insn * 8;
    const src = ref.offset === undefined ? PSEUDO_MAP_FD : PSEUDO_MAP_VALUE;
    out[at + 1] = (src << 4) | (out[at + 1]! & 0x0f);
    dv.setInt32(at + 4, handleOf.get(ref.map)!, true);
    if (ref.offset !== undefined) dv.setInt32(at + 12, ref.offset, true);
  }
  return out;
}

/** What the emulated engine records of a loaded program beyond ProgSpec: its whole name and its BTF. */
export type DescribeProgram = (
  handle: number,
  details: { fullName?: string; btf?: Uint8Array; bindMaps: number[] },
) => void;

interface Loading {
  engine: PinStore;
  btf: Uint8Array | undefined;
  folder: string;
  handles: number[];
  pinned: string[];
}

/** libbpf's bpf_object__create_map: with BTF key/value types where it passes them, again without if refused. */
async function createMap(l: Loading, m: MapDef, inner = false): Promise<HandleInfo> {
  const spec: MapSpec = {
    type: m.type,
    name: m.kernelName ?? kernelNameOf(m.name),
    keySize: m.keySize,
    valueSize: m.valueSize,
    // libbpf sizes a perf_event_array without max_entries to the possible CPUs.
    maxEntries: m.type === 'perf_event_array' && m.maxEntries === 0 ? l.engine.describe().possibleCpus : m.maxEntries,
    flags: m.flags,
    ...(m.mapExtra !== undefined ? { mapExtra: m.mapExtra } : {}),
  };
  let innerHandle: number | undefined;
  if (m.inner) {
    const h = await createMap(l, m.inner, true);
    innerHandle = h.handle;
    spec.innerHandle = h.handle;
  }
  try {
    const withBtf = l.btf && !LIBBPF_NO_BTF.has(m.type) && (m.btfKeyTypeId || m.btfValueTypeId);
    if (withBtf && l.btf) {
      const btf = { data: l.btf, keyTypeId: m.btfKeyTypeId ?? 0, valueTypeId: m.btfValueTypeId ?? 0 };
      const h = await l.engine.createMap({ ...spec, btf }).catch(() => undefined);
      if (h) return h;
    }
    return await l.engine.createMap(spec);
  } catch (e) {
    throw new BpfError(e instanceof BpfError ? e.code : 'EINVAL', `Creating map "${m.name}" failed: ${messageOf(e)}`, {
      hint: inner ? 'The inner map of a map-in-map could not be created.' : undefined,
    });
  } finally {
    if (innerHandle !== undefined) await l.engine.close(innerHandle);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** bpf_object__populate_internal_map: the section's bytes as the value, and .rodata / .kconfig frozen. */
async function populate(l: Loading, m: MapDef, handle: number): Promise<void> {
  const internal = m.internal;
  if (!internal) return;
  if (internal.init) await l.engine.mapUpdate(handle, new Uint8Array(4), internal.init, 'any');
  if (internal.kind === 'rodata' || internal.kind === 'kconfig') await l.engine.mapFreeze(handle);
}

/** libbpf's bpf_object__reuse_map: an existing pin is reused when it is a map with the same parameters. */
async function reuseOrCreate(l: Loading, m: MapDef): Promise<{ h: HandleInfo; pinnedByName: boolean }> {
  const create = async (): Promise<HandleInfo> => {
    const h = await createMap(l, m);
    l.handles.push(h.handle);
    return h;
  };
  if (m.pinning !== LIBBPF_PIN_BY_NAME) return { h: await create(), pinnedByName: false };
  const path = pinPathOf(l.folder, m.name);
  const existing = await l.engine.stat(path).catch((e: unknown) => {
    if (e instanceof BpfError && e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (existing === undefined) {
    const h = await create();
    await l.engine.pin(h.handle, path).catch((e: unknown) => {
      throw withPath(e, path);
    });
    l.pinned.push(path);
    return { h, pinnedByName: true };
  }
  const h = await l.engine.get(path, 'rw').catch((e: unknown) => {
    throw withPath(e, path);
  });
  l.handles.push(h.handle);
  const info = await l.engine.objectInfo(h.handle);
  const host = { possibleCpus: l.engine.describe().possibleCpus, pageSize: EMULATED_PAGE_SIZE };
  const differs = info.kind === 'map' ? reuseMismatches(m, info, host) : [];
  if (info.kind !== 'map' || differs.length > 0) {
    const which = differs.map((d) => describeMismatch(d, 'the object')).join('; ') || `a ${info.kind} is pinned there`;
    throw new BpfError(
      'EINVAL',
      `Couldn't reuse pinned map at "${path}": parameter mismatch with map "${m.name}" (${which}).`,
      {
        path,
        hint: 'The pin has another type, key/value size, max_entries, flags or map_extra: remove it, or load into another folder.',
      },
    );
  }
  return { h, pinnedByName: true };
}

export async function loadObjectThrough(
  engine: PinStore,
  folder: string,
  fileName: string,
  data: Uint8Array,
  describeProgram?: DescribeProgram,
): Promise<LoadObjectResult> {
  const dir = await engine.stat(folder);
  if (dir.kind !== 'dir')
    throw new BpfError('ENOTDIR', `"${folder}" is not a folder; drop the object on a folder.`, { path: folder });
  const obj = parseBpfObject(data, fileName, {
    kernelBtf: hostKernelBtf,
    kconfig: hostKconfig,
    kallsyms: hostKallsyms,
  });
  const l: Loading = { engine, btf: obj.btf, folder, handles: [], pinned: [] };
  const result: LoadObjectResult = { programs: [], maps: [] };
  try {
    const handleOf = new Map<string, number>();
    const maps = [];
    for (const m of obj.maps) {
      const { h, pinnedByName } = await reuseOrCreate(l, m);
      await populate(l, m, h.handle);
      handleOf.set(m.name, h.handle);
      maps.push({ m, h, pinnedByName });
    }
    const progs = [];
    for (const p of obj.programs) {
      // libbpf_find_attach_btf_id: a freplace program needs a target program's fd, which an object cannot name.
      if (p.type === 'ext')
        throw new BpfError(
          'EINVAL',
          `Loading "${fileName}" failed: program "${p.name}": its target program is not set.`,
          {
            hint: 'freplace programs are loaded by a tool that names the program they replace.',
          },
        );
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
      l.handles.push(h.handle);
      describeProgram?.(h.handle, {
        ...(p.name !== h.name ? { fullName: p.name } : {}),
        ...(obj.progBtf && obj.btf ? { btf: obj.btf } : {}),
        // libbpf binds every .rodata map to every program (BPF_PROG_BIND_MAP), used or not.
        bindMaps: maps.filter(({ m }) => m.internal?.kind === 'rodata').map(({ h }) => h.handle),
      });
      progs.push({ p, h });
    }
    for (const { p, h } of progs) {
      const path = pinPathOf(folder, p.name);
      await engine.pin(h.handle, path).catch((e: unknown) => {
        throw withPath(e, path);
      });
      l.pinned.push(path);
      result.programs.push({ name: p.name, section: p.section, type: h.type, id: h.id, path });
    }
    for (const { m, h, pinnedByName } of maps) {
      const path = pinPathOf(folder, m.name);
      if (!pinnedByName) {
        await engine.pin(h.handle, path).catch((e: unknown) => {
          throw withPath(e, path);
        });
        l.pinned.push(path);
      }
      result.maps.push({ name: m.name, type: h.type, id: h.id, path });
    }
    return result;
  } catch (e) {
    for (const path of l.pinned.reverse()) await engine.unlink(path).catch(() => undefined);
    throw e;
  } finally {
    for (const h of l.handles) await engine.close(h).catch(() => undefined);
  }
}

/** A verifier rejection, saying which program of which file it was. */
function explain(e: unknown, fileName: string, prog: string): unknown {
  if (!(e instanceof BpfError)) return e;
  const verifier = e.code === 'EACCES' || e.code === 'EINVAL' || e.code === 'E2BIG';
  const hint = verifier ? loadHint({ kind: 'verifier', detail: e.message }) : e.hint;
  return new BpfError(e.code, `Loading "${fileName}" failed: program "${prog}": ${e.message}`, { hint });
}

/** A pin failure names the path it concerns (the UI shows which name was taken). */
function withPath(e: unknown, path: string): unknown {
  if (!(e instanceof BpfError) || e.path !== undefined) return e;
  return new BpfError(e.code, e.message, { path, hint: e.hint });
}
