// What BPF_PROG_LOAD requires of a program type before and after the verifier runs, as Linux 6.18 decides it:
// expected_attach_type (bpf_prog_load_check_attach), the exit value range (check_return_code), LD_ABS support.
import { ATTACH_TYPES } from './link-target.js';

const at = (name: string): number => ATTACH_TYPES.indexOf(name);

/** Attach types each type accepts; a type not listed accepts any (the kernel ignores the field for it). */
const ATTACH_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  cgroup_sock: [
    'cgroup_inet_sock_create',
    'cgroup_inet_sock_release',
    'cgroup_inet4_post_bind',
    'cgroup_inet6_post_bind',
  ],
  cgroup_sock_addr: [
    'cgroup_inet4_bind',
    'cgroup_inet6_bind',
    'cgroup_inet4_connect',
    'cgroup_inet6_connect',
    'cgroup_unix_connect',
    'cgroup_inet4_getpeername',
    'cgroup_inet6_getpeername',
    'cgroup_unix_getpeername',
    'cgroup_inet4_getsockname',
    'cgroup_inet6_getsockname',
    'cgroup_unix_getsockname',
    'cgroup_udp4_sendmsg',
    'cgroup_udp6_sendmsg',
    'cgroup_unix_sendmsg',
    'cgroup_udp4_recvmsg',
    'cgroup_udp6_recvmsg',
    'cgroup_unix_recvmsg',
  ],
  cgroup_skb: ['cgroup_inet_ingress', 'cgroup_inet_egress'],
  cgroup_sockopt: ['cgroup_setsockopt', 'cgroup_getsockopt'],
  sk_lookup: ['sk_lookup'],
  sk_reuseport: ['sk_reuseport_select', 'sk_reuseport_select_or_migrate'],
  netfilter: ['netfilter'],
};

/** bpf_prog_load_fixup_attach_type: an unset (0) attach type means this one for these types. */
const ATTACH_DEFAULT: Readonly<Record<string, string>> = {
  cgroup_sock: 'cgroup_inet_sock_create',
  sk_reuseport: 'sk_reuseport_select',
};

/** The attach type the kernel records for a load with `attach` (0 when not given). */
export function effectiveAttachType(progType: string, attach = 0): number {
  const fallback = ATTACH_DEFAULT[progType];
  return attach === 0 && fallback !== undefined ? at(fallback) : attach;
}

/** Why the kernel refuses this expected_attach_type for the type (EINVAL), or undefined when it accepts it. */
export function attachTypeProblem(progType: string, attach = 0): string | undefined {
  const effective = effectiveAttachType(progType, attach);
  const allowed = ATTACH_ALLOWED[progType];
  if (allowed && !allowed.some((name) => at(name) === effective)) {
    const given = attach === 0 ? 'no expected_attach_type' : `expected_attach_type ${ATTACH_TYPES[attach] ?? attach}`;
    return `${progType} programs need an expected_attach_type of ${allowed.join(', ')}; the load gave ${given}`;
  }
  if ((progType === 'syscall' || progType === 'ext') && attach !== 0)
    return `${progType} programs take no expected_attach_type`;
  return undefined;
}

const BIND = ['cgroup_inet4_bind', 'cgroup_inet6_bind'];
const MUST_RETURN_1 = [
  'cgroup_udp4_recvmsg',
  'cgroup_udp6_recvmsg',
  'cgroup_unix_recvmsg',
  'cgroup_inet4_getpeername',
  'cgroup_inet6_getpeername',
  'cgroup_unix_getpeername',
  'cgroup_inet4_getsockname',
  'cgroup_inet6_getsockname',
  'cgroup_unix_getsockname',
];
const ZERO_OR_ONE = new Set([
  'cgroup_sock',
  'sock_ops',
  'cgroup_device',
  'cgroup_sysctl',
  'cgroup_sockopt',
  'sk_lookup',
]);

/** The range R0 must be in at exit, or undefined when the type does not check it. */
export function returnRange(progType: string, attach = 0): readonly [number, number] | undefined {
  const name = ATTACH_TYPES[effectiveAttachType(progType, attach)] ?? '';
  if (progType === 'cgroup_sock_addr') {
    if (BIND.includes(name)) return [0, 3];
    return MUST_RETURN_1.includes(name) ? [1, 1] : [0, 1];
  }
  if (progType === 'cgroup_skb') return name === 'cgroup_inet_egress' ? [0, 3] : [0, 1];
  if (progType === 'netfilter') return [0, 1];
  if (progType === 'kprobe')
    return name === 'trace_kprobe_session' || name === 'trace_uprobe_session' ? [0, 1] : undefined;
  return ZERO_OR_ONE.has(progType) ? [0, 1] : undefined;
}

/** may_access_skb: the only types whose programs may use BPF_LD_ABS / BPF_LD_IND. */
export const LD_ABS_TYPES: ReadonlySet<string> = new Set(['socket_filter', 'sched_cls', 'sched_act']);

/** How the kernel refuses types a plain load cannot make: code, text, and whether it comes before the size check. */
export interface TypeRefusal {
  code: 'EINVAL' | 'EPERM' | 'ENOTSUPP';
  text: string;
  early: boolean;
}

const REFUSED_TYPES: Readonly<Record<string, TypeRefusal>> = {
  unspec: { code: 'EINVAL', text: 'program type unspec cannot be loaded', early: false },
  lirc_mode2: { code: 'EINVAL', text: 'this kernel has no lirc_mode2 programs (CONFIG_BPF_LIRC_MODE2)', early: false },
  tracing: { code: 'EINVAL', text: 'Tracing programs must provide btf_id', early: false },
  syscall: { code: 'EINVAL', text: 'Syscall programs can only be sleepable', early: false },
  struct_ops: { code: 'ENOTSUPP', text: 'struct_ops programs need a struct_ops BTF type to attach to', early: false },
  ext: { code: 'EPERM', text: 'ext programs need a target program to extend', early: true },
  lsm: { code: 'EPERM', text: 'lsm programs need a BTF id of an LSM hook', early: true },
};

/** Refusal for types the kernel never loads from instructions alone, or undefined. */
export const typeRefusal = (progType: string): TypeRefusal | undefined => REFUSED_TYPES[progType];
