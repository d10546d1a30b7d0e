// Pin health findings: what each kind means, the safe action for it, and which folders belong to known loaders.
// Computed in main (main/host/pin-health.ts), shown by the Pin health view.
import type { LinkInfo } from './engine.js';
import type { ReuseMismatch } from './pin-compat.js';

export type HealthKind = 'orphan-map' | 'unattached-prog' | 'dead-link' | 'duplicate' | 'incompatible-pin';

export interface HealthFinding {
  kind: HealthKind;
  /** The pins of the object (under the checked folder), the first one the finding is about. */
  pins: string[];
  object: { kind: 'map' | 'prog' | 'link'; id: number; type: string; name: string };
  /** The known loader the first pin's folder belongs to, or undefined for a loose pin. */
  loader?: string;
  /** What it means, in one sentence. */
  meaning: string;
  /** What is particular to this finding: which field differs, which target is gone. */
  detail?: string;
  /** incompatible-pin: the fields libbpf compares that differ. */
  mismatches?: ReuseMismatch[];
}

/** The object file the pins were checked against (libbpf's pin-reuse check). */
export interface CheckedObject {
  fileName: string;
  /** Its maps with `pinning = LIBBPF_PIN_BY_NAME`, and where libbpf would look for their pins. */
  pinnedByName: { map: string; path: string }[];
  /** Maps of the object in all. */
  maps: number;
}

export interface PinHealthReport {
  /** The folder checked ("" = the whole mount). */
  path: string;
  findings: HealthFinding[];
  /** Pins checked, of which in known loaders' folders. */
  pinsChecked: number;
  inLoaderFolders: number;
  /** Set when an object file was given: the pin root was the checked folder. */
  checkedObject?: CheckedObject;
}

/** Folders of loaders that manage their own pins: a finding there is theirs to resolve, not a stray. */
const LOADERS: readonly [RegExp, string][] = [
  [/^tc\/globals(\/|$)/, 'iproute2 tc'],
  [/^(tc|ip)(\/|$)/, 'iproute2'],
  [/^cilium(\/|$)/, 'Cilium'],
  [/^calico(\/|$)/, 'Calico'],
  [/^xdp(\/|$)/, 'libxdp'],
];

export function loaderOf(path: string): string | undefined {
  for (const [re, name] of LOADERS) if (re.test(path)) return name;
  return undefined;
}

export const HEALTH_MEANING: Record<HealthKind, string> = {
  'orphan-map':
    'No program uses this map, no map holds it and no process has it open: only its pins keep its memory alive.',
  'unattached-prog':
    'No link attaches this program, no prog_array holds it and no process has it open: it runs nowhere.',
  'dead-link':
    'What this link attached to is gone, so its program runs nowhere; only the pin keeps the link and its program alive.',
  duplicate: 'The same object is pinned at more than one path; unlinking one pin leaves it alive through the others.',
  'incompatible-pin':
    'A loader reusing pins by name (libbpf LIBBPF_PIN_BY_NAME) finds this pin, but its map is defined differently: libbpf would refuse to reuse this pin, and bpf_object__load fails with EINVAL.',
};

/** The safe action for a finding, in one sentence: what Unlink does here, or why to leave it. */
export function safeAction(f: Pick<HealthFinding, 'kind' | 'loader' | 'pins'>): string {
  if (f.loader)
    return `Leave it to ${f.loader}, which manages this folder: remove it with ${f.loader}'s own tools. Unlink only if ${f.loader} no longer runs here.`;
  switch (f.kind) {
    case 'orphan-map':
      return 'Unlink: the map and its memory are freed (the dialog warns of the last reference; Undo within 10 s).';
    case 'unattached-prog':
      return 'Unlink: the program is freed; nothing stops running, as it runs nowhere.';
    case 'dead-link':
      return 'Unlink: the link is freed, and its program with it unless something else holds it.';
    case 'duplicate':
      return 'Unlink the pins you do not need: the object stays alive while one pin remains.';
    case 'incompatible-pin':
      return 'Unlink it so the loader creates a fresh map (the entries go with it if this was the last reference), or build the object to match the pin.';
  }
}

/**
 * Why a link's target is gone, from its info, or undefined while it is attached: the kernel detaches a link whose
 * netdev, cgroup or network namespace went away and then reports its ifindex, cgroup id or netns inode as 0.
 */
export function deadLinkTarget(info: LinkInfo): string | undefined {
  const zero = (field: string): boolean => info.attach[field] === 0;
  switch (info.type) {
    case 'xdp':
    case 'tcx':
    case 'netkit':
      return zero('ifindex') ? 'its network device was deleted (the kernel reports ifindex 0)' : undefined;
    case 'cgroup':
      return zero('cgroup_id') ? 'its cgroup was removed (the kernel reports cgroup id 0)' : undefined;
    case 'netns':
      return zero('netns_ino') ? 'its network namespace is gone (the kernel reports netns inode 0)' : undefined;
    default:
      return undefined;
  }
}
