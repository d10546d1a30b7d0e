// The host kernel's BTF, which CO-RE relocations of objects loaded into the emulated engine are resolved against:
// read once per process (it is megabytes), absent on hosts without /sys/kernel/btf/vmlinux.
import { readFileSync } from 'node:fs';

import { type Btf, parseBtf } from '../../../shared/btf/btf.js';

export const KERNEL_BTF_PATH = '/sys/kernel/btf/vmlinux';

let cached: Btf | null | undefined;

export function hostKernelBtf(): Btf | undefined {
  if (cached === undefined) {
    try {
      cached = parseBtf(new Uint8Array(readFileSync(KERNEL_BTF_PATH)));
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
