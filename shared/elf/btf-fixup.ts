// What libbpf does to an object's .BTF before the kernel sees it: each DATASEC gets its ELF section's size and
// each variable in it its symbol's offset (clang leaves them 0), so map values decode as the variables they hold.
import type { CoreRelo } from './core-relo.js';
import { elfError } from './elf64.js';

/** Bytes after the 12-byte common header, by BTF kind number. */
function extraBytes(kind: number, vlen: number): number {
  switch (kind) {
    case 1: // int
    case 14: // var
    case 17: // decl_tag
      return 4;
    case 3: // array
      return 12;
    case 4: // struct
    case 5: // union
    case 15: // datasec
    case 19: // enum64
      return vlen * 12;
    case 6: // enum
    case 13: // func_proto
      return vlen * 8;
    default:
      return 0;
  }
}

export interface DatasecLayout {
  /** The section's size. */
  size: number;
  /** A variable's offset by name; undefined leaves the offset as it is. */
  offsetOf(varName: string): number | undefined;
}

/** A copy of `btf` with every DATASEC that `layoutOf` knows laid out like its ELF section. */
export function fixDatasecs(btf: Uint8Array, layoutOf: (secName: string) => DatasecLayout | undefined): Uint8Array {
  const out = btf.slice();
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.length < 24) throw elfError('.BTF is shorter than its header');
  const hdrLen = dv.getUint32(4, true);
  const typeStart = hdrLen + dv.getUint32(8, true);
  const typeEnd = typeStart + dv.getUint32(12, true);
  const strStart = hdrLen + dv.getUint32(16, true);
  const strEnd = strStart + dv.getUint32(20, true);
  if (typeEnd > out.length || strEnd > out.length) throw elfError('.BTF sections run past its end');
  const str = (off: number): string => {
    const from = strStart + off;
    const nul = out.indexOf(0, from);
    return new TextDecoder().decode(out.subarray(from, nul < 0 || nul > strEnd ? strEnd : nul));
  };
  // Variable names by type id, for the DATASEC entries that point at them.
  const varNames = new Map<number, string>();
  const datasecs: number[] = [];
  let id = 1;
  for (let at = typeStart; at + 12 <= typeEnd; id++) {
    const info = dv.getUint32(at + 4, true);
    const kind = (info >>> 24) & 0x1f;
    if (kind === 14) varNames.set(id, str(dv.getUint32(at, true)));
    if (kind === 15) datasecs.push(at);
    at += 12 + extraBytes(kind, info & 0xffff);
  }
  for (const at of datasecs) {
    const layout = layoutOf(str(dv.getUint32(at, true)));
    if (!layout) continue;
    dv.setUint32(at + 8, layout.size, true);
    const vlen = dv.getUint32(at + 4, true) & 0xffff;
    for (let i = 0; i < vlen; i++) {
      const vsi = at + 12 + i * 12;
      const offset = layout.offsetOf(varNames.get(dv.getUint32(vsi, true)) ?? '');
      if (offset !== undefined) dv.setUint32(vsi + 4, offset, true);
    }
  }
  return out;
}

/** What .BTF.ext says the loader must do: func_info (programs get BTF) and CO-RE relocations, by section name. */
export interface BtfExt {
  hasFuncInfo: boolean;
  /** CO-RE relocations by program section name. */
  coreRelos: Map<string, CoreRelo[]>;
}

export function parseBtfExt(ext: Uint8Array, btfString: (off: number) => string): BtfExt {
  const dv = new DataView(ext.buffer, ext.byteOffset, ext.byteLength);
  const result: BtfExt = { hasFuncInfo: false, coreRelos: new Map() };
  if (ext.length < 24 || dv.getUint16(0, true) !== 0xeb9f) throw elfError('.BTF.ext has no valid header');
  const hdrLen = dv.getUint32(4, true);
  result.hasFuncInfo = dv.getUint32(12, true) > 0;
  if (hdrLen < 32) return result;
  const start = hdrLen + dv.getUint32(24, true);
  const end = start + dv.getUint32(28, true);
  if (end > ext.length) throw elfError('.BTF.ext CO-RE relocations run past its end');
  if (end <= start) return result;
  const recSize = dv.getUint32(start, true);
  for (let at = start + 4; at + 8 <= end; ) {
    const sec = btfString(dv.getUint32(at, true));
    const n = dv.getUint32(at + 4, true);
    const list = result.coreRelos.get(sec) ?? [];
    for (let i = 0; i < n; i++) {
      const r = at + 8 + i * recSize;
      if (r + 16 > end) throw elfError('.BTF.ext CO-RE relocations run past their section');
      list.push({
        insnOff: dv.getUint32(r, true),
        typeId: dv.getUint32(r + 4, true),
        access: btfString(dv.getUint32(r + 8, true)),
        kind: dv.getUint32(r + 12, true),
      });
    }
    if (list.length > 0) result.coreRelos.set(sec, list);
    at += 8 + n * recSize;
  }
  return result;
}
