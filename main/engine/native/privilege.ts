// This process's credentials as bpf(2) sees them: effective uid, CAP_BPF / CAP_SYS_ADMIN, and the sysctl that
// decides whether unprivileged callers may use bpf(2) at all.
import { readFileSync } from 'node:fs';

import type { EnginePrivilege } from '../../../shared/engine.js';

const CAP_SYS_ADMIN = 21n;
const CAP_BPF = 39n;

/** CapEff from /proc/PID/status text. */
export function effectiveCaps(statusText: string): bigint {
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(statusText);
  return m ? BigInt(`0x${m[1]}`) : 0n;
}

function readSysctl(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isNaN(n) ? undefined : n;
  } catch {
    return undefined;
  }
}

export function readPrivilege(): EnginePrivilege {
  const caps = effectiveCaps(readFileSync('/proc/self/status', 'utf8'));
  const has = (cap: bigint): boolean => ((caps >> cap) & 1n) === 1n;
  const p: EnginePrivilege = {
    uid: process.geteuid?.() ?? -1,
    capBpf: has(CAP_BPF),
    capSysAdmin: has(CAP_SYS_ADMIN),
  };
  const gid = process.getegid?.();
  if (gid !== undefined) p.gid = gid;
  const groups = process.getgroups?.();
  if (groups) p.groups = groups;
  const sysctl = readSysctl('/proc/sys/kernel/unprivileged_bpf_disabled');
  if (sysctl !== undefined) p.unprivilegedBpfDisabled = sysctl;
  return p;
}
