// libbpf's section-name table (section_defs in libbpf.c), reduced to what decides the program type.
import type { ProgTypeName } from '../bpf/types.js';

/**
 * [section name, program type] in libbpf 1.1's order and spelling: a name ending in "+" matches itself or itself
 * followed by "/..."; any other name matches only exactly (so "classifier/0" and "xdp/foo" name no type).
 */
const SECTION_DEFS: readonly (readonly [string, ProgTypeName])[] = [
  ['socket', 'socket_filter'],
  ['sk_reuseport/migrate', 'sk_reuseport'],
  ['sk_reuseport', 'sk_reuseport'],
  ['kprobe+', 'kprobe'],
  ['uprobe+', 'kprobe'],
  ['uprobe.s+', 'kprobe'],
  ['kretprobe+', 'kprobe'],
  ['uretprobe+', 'kprobe'],
  ['uretprobe.s+', 'kprobe'],
  ['kprobe.multi+', 'kprobe'],
  ['kretprobe.multi+', 'kprobe'],
  ['ksyscall+', 'kprobe'],
  ['kretsyscall+', 'kprobe'],
  ['usdt+', 'kprobe'],
  ['tc', 'sched_cls'],
  ['classifier', 'sched_cls'],
  ['action', 'sched_act'],
  ['tracepoint+', 'tracepoint'],
  ['tp+', 'tracepoint'],
  ['raw_tracepoint+', 'raw_tracepoint'],
  ['raw_tp+', 'raw_tracepoint'],
  ['raw_tracepoint.w+', 'raw_tracepoint_writable'],
  ['raw_tp.w+', 'raw_tracepoint_writable'],
  ['tp_btf+', 'tracing'],
  ['fentry+', 'tracing'],
  ['fmod_ret+', 'tracing'],
  ['fexit+', 'tracing'],
  ['fentry.s+', 'tracing'],
  ['fmod_ret.s+', 'tracing'],
  ['fexit.s+', 'tracing'],
  ['freplace+', 'ext'],
  ['lsm+', 'lsm'],
  ['lsm.s+', 'lsm'],
  ['lsm_cgroup+', 'lsm'],
  ['iter+', 'tracing'],
  ['iter.s+', 'tracing'],
  ['syscall', 'syscall'],
  ['xdp.frags/devmap', 'xdp'],
  ['xdp/devmap', 'xdp'],
  ['xdp.frags/cpumap', 'xdp'],
  ['xdp/cpumap', 'xdp'],
  ['xdp.frags', 'xdp'],
  ['xdp', 'xdp'],
  ['perf_event', 'perf_event'],
  ['lwt_in', 'lwt_in'],
  ['lwt_out', 'lwt_out'],
  ['lwt_xmit', 'lwt_xmit'],
  ['lwt_seg6local', 'lwt_seg6local'],
  ['sockops', 'sock_ops'],
  ['sk_skb/stream_parser', 'sk_skb'],
  ['sk_skb/stream_verdict', 'sk_skb'],
  ['sk_skb', 'sk_skb'],
  ['sk_msg', 'sk_msg'],
  ['lirc_mode2', 'lirc_mode2'],
  ['flow_dissector', 'flow_dissector'],
  ['cgroup_skb/ingress', 'cgroup_skb'],
  ['cgroup_skb/egress', 'cgroup_skb'],
  ['cgroup/skb', 'cgroup_skb'],
  ['cgroup/sock_create', 'cgroup_sock'],
  ['cgroup/sock_release', 'cgroup_sock'],
  ['cgroup/sock', 'cgroup_sock'],
  ['cgroup/post_bind4', 'cgroup_sock'],
  ['cgroup/post_bind6', 'cgroup_sock'],
  ['cgroup/bind4', 'cgroup_sock_addr'],
  ['cgroup/bind6', 'cgroup_sock_addr'],
  ['cgroup/connect4', 'cgroup_sock_addr'],
  ['cgroup/connect6', 'cgroup_sock_addr'],
  ['cgroup/sendmsg4', 'cgroup_sock_addr'],
  ['cgroup/sendmsg6', 'cgroup_sock_addr'],
  ['cgroup/recvmsg4', 'cgroup_sock_addr'],
  ['cgroup/recvmsg6', 'cgroup_sock_addr'],
  ['cgroup/getpeername4', 'cgroup_sock_addr'],
  ['cgroup/getpeername6', 'cgroup_sock_addr'],
  ['cgroup/getsockname4', 'cgroup_sock_addr'],
  ['cgroup/getsockname6', 'cgroup_sock_addr'],
  ['cgroup/sysctl', 'cgroup_sysctl'],
  ['cgroup/getsockopt', 'cgroup_sockopt'],
  ['cgroup/setsockopt', 'cgroup_sockopt'],
  ['cgroup/dev', 'cgroup_device'],
  ['struct_ops+', 'struct_ops'],
  ['sk_lookup', 'sk_lookup'],
];

/** libbpf's sec_def_matches. */
function matches(section: string, def: string): boolean {
  if (!def.endsWith('+')) return section === def;
  const base = def.slice(0, -1);
  return section === base || section.startsWith(`${base}/`);
}

/** The program type libbpf gives a section, or undefined when libbpf would not know it either. */
export function progTypeOfSection(section: string): ProgTypeName | undefined {
  // The first match wins, as in libbpf's find_sec_def.
  return SECTION_DEFS.find(([def]) => matches(section, def))?.[1];
}

/** The section names this table knows, for a hint when a section names none of them. */
export function knownSectionNames(): string[] {
  return [...new Set(SECTION_DEFS.map(([def]) => def.replace(/\+$/, '')))];
}
