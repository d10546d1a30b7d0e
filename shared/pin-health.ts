// Pin health findings: what each kind means and which folders belong to known loaders. Computed in main
// (main/host/pin-health.ts), shown by the Pin health view.

export type HealthKind = 'orphan-map' | 'unattached-prog' | 'duplicate';

export interface HealthFinding {
  kind: HealthKind;
  /** The pins of the object (under the checked folder), the first one the finding is about. */
  pins: string[];
  object: { kind: 'map' | 'prog' | 'link'; id: number; type: string; name: string };
  /** The known loader the first pin's folder belongs to, or undefined for a loose pin. */
  loader?: string;
  /** What it means, in one sentence. */
  meaning: string;
}

export interface PinHealthReport {
  /** The folder checked ("" = the whole mount). */
  path: string;
  findings: HealthFinding[];
  /** Pins checked, of which in known loaders' folders. */
  pinsChecked: number;
  inLoaderFolders: number;
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
  duplicate: 'The same object is pinned at more than one path; unlinking one pin leaves it alive through the others.',
};
