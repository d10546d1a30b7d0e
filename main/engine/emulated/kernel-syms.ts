// The host's /proc/kallsyms names, for typeless __ksym externs of objects loaded into the emulated engine: read
// once per process; a host without the file (not Linux) knows no symbol.
import { readFileSync } from 'node:fs';

let cached: Set<string> | undefined;

export function hostKallsyms(name: string): boolean {
  if (!cached) {
    cached = new Set();
    try {
      // "address type name [module]" per line; libbpf matches the name only.
      for (const line of readFileSync('/proc/kallsyms', 'utf8').split('\n')) {
        const symbol = line.split(/\s+/)[2];
        if (symbol) cached.add(symbol);
      }
    } catch {
      /* no kallsyms: every typeless __ksym is unresolved */
    }
  }
  return cached.has(name);
}
