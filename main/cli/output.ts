// What a headless command hands back: the contract's value for --json, and lines for people.
import type { ApiClient } from '../../shared/contract.js';

export interface CommandOutput {
  json: unknown;
  text: string[];
}

export interface CommandContext {
  api: ApiClient;
  /** The command's paths, already relative to the mount (pin's SRC may be id:KIND:N). */
  paths: string[];
  limit?: number;
}

/** A path as typed, relative to the mount root: the mount point in front and outer slashes dropped. */
export function mountRelative(path: string, mountPoint: string): string {
  const mp = mountPoint.replace(/\/+$/, '');
  let p = path;
  if (mp !== '' && (p === mp || p.startsWith(`${mp}/`))) p = p.slice(mp.length);
  return p.replace(/^\/+/, '').replace(/\/+$/, '');
}
