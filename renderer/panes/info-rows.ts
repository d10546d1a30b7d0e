// The object's kernel info as label/value pairs for the details pane.
import type { DirEntry, ObjectInfo } from '../../shared/engine.js';
import { byteCountText } from '../../shared/formats/units.js';

export type InfoRow = [label: string, value: string];

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}

const KIND_TEXT: Record<DirEntry['kind'], string> = {
  dir: 'folder',
  map: 'map',
  prog: 'prog',
  link: 'link',
  symlink: 'symlink',
  pin: 'pinned object (its kind cannot be read)',
};

export function entryRows(entry: DirEntry): InfoRow[] {
  const rows: InfoRow[] = [
    ['Kind', KIND_TEXT[entry.kind]],
    ['Mode', formatMode(entry.mode)],
    ['Owner', `uid ${entry.uid}, gid ${entry.gid}`],
    ['Links', String(entry.nlink)],
  ];
  if (entry.target !== undefined) rows.push(['Target', entry.target]);
  return rows;
}

/** "Memory: 2.6 KiB (2,712 bytes memlock, values × 2 possible CPUs)" when the engine knows the figure. */
function memoryRow(memlock: number | undefined, perCpu: number): InfoRow[] {
  if (memlock === undefined) return [];
  const cpus = perCpu > 0 ? `, values × ${perCpu} possible CPUs` : '';
  return [['Memory', `${byteCountText(memlock)} (${memlock.toLocaleString('en-US')} bytes memlock${cpus})`]];
}

export function infoRows(info: ObjectInfo): InfoRow[] {
  switch (info.kind) {
    case 'map':
      return [
        ['Map type', `${info.type} (${info.typeId})`],
        ['Id', String(info.id)],
        ['Name', info.name || '(none)'],
        ['Key size', `${info.keySize} bytes`],
        ['Value size', `${info.valueSize} bytes`],
        ['Max entries', String(info.maxEntries)],
        ['Flags', info.flagNames.length > 0 ? info.flagNames.join(', ') : 'none'],
        ['Frozen', yesNo(info.frozen)],
        ['BTF id', String(info.btfId)],
        ...(info.mapExtra ? ([['Map extra', String(info.mapExtra)]] as InfoRow[]) : []),
        ...memoryRow(info.memlock, info.type.includes('percpu') ? info.possibleCpus : 0),
      ];
    case 'prog':
      return [
        ['Program type', `${info.type} (${info.typeId})`],
        ['Id', String(info.id)],
        ['Name', info.fullName ?? (info.name || '(none)')],
        ...(info.fullName !== undefined ? ([['Kernel name', info.name]] as InfoRow[]) : []),
        ['Tag', info.tag],
        ['Translated length', `${info.xlatedLen} bytes`],
        ['JIT length', `${info.jitedLen} bytes`],
        ...memoryRow(info.memlock, 0),
        ['Verified instructions', String(info.verifiedInsns)],
        ['Loaded at', new Date(info.loadedAt).toLocaleString()],
        ['Created by', `uid ${info.createdByUid}`],
        ['Map ids', info.mapIds.length > 0 ? info.mapIds.join(', ') : 'none'],
        ['GPL compatible', yesNo(info.gplCompatible)],
        ['Runs', `${info.runCnt} (${info.runTimeNs} ns)`],
      ];
    case 'link':
      return [
        ['Link type', `${info.type} (${info.typeId})`],
        ['Id', String(info.id)],
        ['Program id', String(info.progId)],
        ...Object.entries(info.attach).map(([k, v]): InfoRow => [k, String(v)]),
      ];
  }
}
