// bpffs mount options as mountinfo shows them (bpf_show_options): the root folder's owner and mode, and the BPF
// token delegation masks (delegate_cmds/maps/progs/attachs), named as the kernel names them.
import { ATTACH_TYPES } from './link-target.js';
import { MAP_TYPES, PROG_TYPES } from './types.js';

/** enum bpf_cmd, by number (lower case, without BPF_). */
export const BPF_CMDS: readonly string[] = [
  'map_create',
  'map_lookup_elem',
  'map_update_elem',
  'map_delete_elem',
  'map_get_next_key',
  'prog_load',
  'obj_pin',
  'obj_get',
  'prog_attach',
  'prog_detach',
  'prog_test_run',
  'prog_get_next_id',
  'map_get_next_id',
  'prog_get_fd_by_id',
  'map_get_fd_by_id',
  'obj_get_info_by_fd',
  'prog_query',
  'raw_tracepoint_open',
  'btf_load',
  'btf_get_fd_by_id',
  'task_fd_query',
  'map_lookup_and_delete_elem',
  'map_freeze',
  'btf_get_next_id',
  'map_lookup_batch',
  'map_lookup_and_delete_batch',
  'map_update_batch',
  'map_delete_batch',
  'link_create',
  'link_update',
  'link_get_fd_by_id',
  'link_get_next_id',
  'enable_stats',
  'iter_create',
  'link_detach',
  'prog_bind_map',
  'token_create',
];

export type DelegateKind = 'cmds' | 'maps' | 'progs' | 'attachs';
export const DELEGATE_KINDS: readonly DelegateKind[] = ['cmds', 'maps', 'progs', 'attachs'];

const byNumber = (table: Record<string, number>): string[] => {
  const out: string[] = [];
  for (const [name, n] of Object.entries(table)) out[n] ??= name;
  return out;
};
const NAMES: Record<DelegateKind, readonly string[]> = {
  cmds: BPF_CMDS,
  maps: byNumber(MAP_TYPES),
  progs: byNumber(PROG_TYPES),
  attachs: ATTACH_TYPES,
};

export interface BpffsMountOptions {
  /** Owner, group and mode of the mount's root folder (uid=, gid=, mode=); new nodes take their creator's ids. */
  uid: number;
  gid: number;
  /** Permission bits of the root; the kernel adds the sticky bit (a plain mount's root is 1777). */
  mode: number;
  /** What a BPF token made from this mount may do: names, ["any"] for every one, [] for none. */
  delegate: Record<DelegateKind, string[]>;
}

export const DEFAULT_MOUNT_OPTIONS: BpffsMountOptions = {
  uid: 0,
  gid: 0,
  mode: 0o777,
  delegate: { cmds: [], maps: [], progs: [], attachs: [] },
};

/** One delegate_* value: names joined by ':', "any", or a hex mask (decoded to names; unknown bits as "bit N"). */
export function delegateNames(kind: DelegateKind, value: string): string[] {
  if (value === 'any') return ['any'];
  const out: string[] = [];
  for (const token of value.split(':').filter((t) => t !== '')) {
    if (!/^0x[0-9a-f]+$/i.test(token)) {
      out.push(token);
      continue;
    }
    const mask = BigInt(token);
    for (let bit = 0; bit < 64; bit++) {
      if ((mask >> BigInt(bit)) & 1n) out.push(NAMES[kind][bit] ?? `bit ${bit}`);
    }
  }
  return out;
}

/** The super options of a bpf line of mountinfo, e.g. "rw,uid=1000,mode=750,delegate_cmds=map_create:prog_load". */
export function parseMountOptions(superOptions: string): BpffsMountOptions {
  const opts: BpffsMountOptions = {
    ...DEFAULT_MOUNT_OPTIONS,
    delegate: { cmds: [], maps: [], progs: [], attachs: [] },
  };
  for (const item of superOptions.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (key === 'uid') opts.uid = Number(value);
    else if (key === 'gid') opts.gid = Number(value);
    else if (key === 'mode') opts.mode = parseInt(value, 8) & 0o7777;
    else if (key.startsWith('delegate_')) {
      const kind = key.slice('delegate_'.length) as DelegateKind;
      if (DELEGATE_KINDS.includes(kind)) opts.delegate[kind] = delegateNames(kind, value);
    }
  }
  return opts;
}

/** The options as `mount -o` takes them, only those that differ from a plain mount (like the kernel prints). */
export function formatMountOptions(o: BpffsMountOptions): string {
  const parts: string[] = [];
  if (o.uid !== 0) parts.push(`uid=${o.uid}`);
  if (o.gid !== 0) parts.push(`gid=${o.gid}`);
  if ((o.mode & 0o7777) !== 0o777) parts.push(`mode=${(o.mode & 0o7777).toString(8)}`);
  for (const kind of DELEGATE_KINDS) {
    if (o.delegate[kind].length > 0) parts.push(`delegate_${kind}=${o.delegate[kind].join(':')}`);
  }
  return parts.join(',');
}

/** The root folder's mode as bpf_fill_super makes it: the option's bits with the sticky bit. */
export function mountRootMode(o: BpffsMountOptions): number {
  return 0o1000 | (o.mode & 0o7777);
}
