// libbpf's section-name table (section_defs in libbpf.c), reduced to what decides the program type.
import type { ProgTypeName } from '../bpf/types.js';

/** [section prefix, program type]; a prefix matches the exact name or the name followed by "/" or ".". */
const SECTION_DEFS: readonly (readonly [string, ProgTypeName])[] = [
  ['socket', 'socket_filter'],
  ['sk_reuseport', 'sk_reuseport'],
  ['kprobe', 'kprobe'],
  ['uprobe', 'kprobe'],
  ['kretprobe', 'kprobe'],
  ['uretprobe', 'kprobe'],
  ['ksyscall', 'kprobe'],
  ['kretsyscall', 'kprobe'],
  ['usdt', 'kprobe'],
  ['tc', 'sched_cls'],
  ['classifier', 'sched_cls'],
  ['action', 'sched_act'],
  ['tracepoint', 'tracepoint'],
  ['tp', 'tracepoint'],
  ['raw_tracepoint.w', 'raw_tracepoint_writable'],
  ['raw_tp.w', 'raw_tracepoint_writable'],
  ['raw_tracepoint', 'raw_tracepoint'],
  ['raw_tp', 'raw_tracepoint'],
  ['tp_btf', 'tracing'],
  ['fentry', 'tracing'],
  ['fmod_ret', 'tracing'],
  ['fexit', 'tracing'],
  ['fentry.s', 'tracing'],
  ['fexit.s', 'tracing'],
  ['iter', 'tracing'],
  ['iter.s', 'tracing'],
  ['freplace', 'ext'],
  ['lsm', 'lsm'],
  ['lsm.s', 'lsm'],
  ['lsm_cgroup', 'lsm'],
  ['struct_ops', 'struct_ops'],
  ['struct_ops.s', 'struct_ops'],
  ['syscall', 'syscall'],
  ['xdp', 'xdp'],
  ['xdp.frags', 'xdp'],
  ['perf_event', 'perf_event'],
  ['lwt_in', 'lwt_in'],
  ['lwt_out', 'lwt_out'],
  ['lwt_xmit', 'lwt_xmit'],
  ['lwt_seg6local', 'lwt_seg6local'],
  ['sockops', 'sock_ops'],
  ['sk_skb', 'sk_skb'],
  ['sk_msg', 'sk_msg'],
  ['lirc_mode2', 'lirc_mode2'],
  ['flow_dissector', 'flow_dissector'],
  ['sk_lookup', 'sk_lookup'],
  ['netfilter', 'netfilter'],
  ['cgroup_skb', 'cgroup_skb'],
  ['cgroup/skb', 'cgroup_skb'],
  ['cgroup/sock_create', 'cgroup_sock'],
  ['cgroup/sock_release', 'cgroup_sock'],
  ['cgroup/sock', 'cgroup_sock'],
  ['cgroup/post_bind4', 'cgroup_sock'],
  ['cgroup/post_bind6', 'cgroup_sock'],
  ['cgroup/dev', 'cgroup_device'],
  ['cgroup/sysctl', 'cgroup_sysctl'],
  ['cgroup/getsockopt', 'cgroup_sockopt'],
  ['cgroup/setsockopt', 'cgroup_sockopt'],
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
];

/** The program type libbpf gives a section, or undefined when libbpf would not know it either. */
export function progTypeOfSection(section: string): ProgTypeName | undefined {
  let best: readonly [string, ProgTypeName] | undefined;
  for (const def of SECTION_DEFS) {
    const [prefix] = def;
    const hit = section === prefix || section.startsWith(`${prefix}/`);
    if (hit && (!best || prefix.length > best[0].length)) best = def;
  }
  return best?.[1];
}

/** The section names this table knows, for a hint when a section names none of them. */
export function knownSectionNames(): string[] {
  return [...new Set(SECTION_DEFS.map(([prefix]) => prefix))];
}
