// A link's attach target in words, from the per-type fields of bpf_link_info (LinkInfo.attach).

/** enum bpf_attach_type, by number (lower case, without BPF_). */
export const ATTACH_TYPES: readonly string[] = [
  'cgroup_inet_ingress',
  'cgroup_inet_egress',
  'cgroup_inet_sock_create',
  'cgroup_sock_ops',
  'sk_skb_stream_parser',
  'sk_skb_stream_verdict',
  'cgroup_device',
  'sk_msg_verdict',
  'cgroup_inet4_bind',
  'cgroup_inet6_bind',
  'cgroup_inet4_connect',
  'cgroup_inet6_connect',
  'cgroup_inet4_post_bind',
  'cgroup_inet6_post_bind',
  'cgroup_udp4_sendmsg',
  'cgroup_udp6_sendmsg',
  'lirc_mode2',
  'flow_dissector',
  'cgroup_sysctl',
  'cgroup_udp4_recvmsg',
  'cgroup_udp6_recvmsg',
  'cgroup_getsockopt',
  'cgroup_setsockopt',
  'trace_raw_tp',
  'trace_fentry',
  'trace_fexit',
  'modify_return',
  'lsm_mac',
  'trace_iter',
  'cgroup_inet4_getpeername',
  'cgroup_inet6_getpeername',
  'cgroup_inet4_getsockname',
  'cgroup_inet6_getsockname',
  'xdp_devmap',
  'cgroup_inet_sock_release',
  'xdp_cpumap',
  'sk_lookup',
  'xdp',
  'sk_skb_verdict',
  'sk_reuseport_select',
  'sk_reuseport_select_or_migrate',
  'perf_event',
  'trace_kprobe_multi',
  'lsm_cgroup',
  'struct_ops',
  'netfilter',
  'tcx_ingress',
  'tcx_egress',
  'trace_uprobe_multi',
  'cgroup_unix_connect',
  'cgroup_unix_sendmsg',
  'cgroup_unix_recvmsg',
  'cgroup_unix_getpeername',
  'cgroup_unix_getsockname',
  'netkit_primary',
  'netkit_peer',
  'trace_kprobe_session',
  'trace_uprobe_session',
];

const PERF_EVENT_TYPES = ['unspec', 'uprobe', 'uretprobe', 'kprobe', 'kretprobe', 'tracepoint', 'event'];
const NF_FAMILIES: Record<number, string> = { 2: 'ipv4', 10: 'ipv6' };

export const attachTypeName = (n: number): string => ATTACH_TYPES[n] ?? `attach type ${n}`;

export interface LinkTarget {
  /** What the link attaches to, e.g. "ifindex 2" or "iterator bpf_map". */
  summary: string;
  /** Each decoded field with its value as text, for the details table. */
  fields: [string, string][];
}

type Attach = Record<string, string | number>;

function num(a: Attach, key: string): number {
  const v = a[key];
  return typeof v === 'number' ? v : Number(v ?? 0);
}

function summaryOf(type: string, a: Attach): string {
  const at = (): string => attachTypeName(num(a, 'attach_type'));
  switch (type) {
    case 'raw_tracepoint':
      return `raw tracepoint ${String(a.tp_name ?? '')}`;
    case 'tracing':
      return `BTF type ${num(a, 'target_btf_id')} of object ${num(a, 'target_obj_id')} (${at()})`;
    case 'cgroup':
      return `cgroup ${num(a, 'cgroup_id')} (${at()})`;
    case 'iter':
      return `iterator ${String(a.target_name ?? '')}${a.map_id !== undefined ? ` of map ${num(a, 'map_id')}` : ''}`;
    case 'netns':
      return `network namespace inode ${num(a, 'netns_ino')} (${at()})`;
    case 'xdp':
      return `ifindex ${num(a, 'ifindex')}`;
    case 'tcx':
    case 'netkit':
      return `ifindex ${num(a, 'ifindex')} (${at()})`;
    case 'netfilter': {
      const pf = num(a, 'pf');
      return `netfilter ${NF_FAMILIES[pf] ?? `pf ${pf}`} hook ${num(a, 'hooknum')} priority ${num(a, 'priority')}`;
    }
    case 'kprobe_multi':
      return `${num(a, 'count')} kernel functions`;
    case 'uprobe_multi':
      return `${num(a, 'count')} user probes`;
    case 'perf_event':
      return `perf event (${PERF_EVENT_TYPES[num(a, 'perf_type')] ?? num(a, 'perf_type')})`;
    case 'struct_ops':
      return `struct_ops map ${num(a, 'map_id')}`;
    case 'sockmap':
      return `map ${num(a, 'map_id')} (${at()})`;
    default:
      return 'an unknown target';
  }
}

export function describeLinkTarget(type: string, attach: Attach): LinkTarget {
  const fields: [string, string][] = Object.entries(attach).map(([k, v]) => {
    if (k === 'attach_type' && typeof v === 'number') return [k, `${attachTypeName(v)} (${v})`];
    if (k === 'perf_type' && typeof v === 'number') return [k, `${PERF_EVENT_TYPES[v] ?? 'unknown'} (${v})`];
    return [k, String(v)];
  });
  return { summary: summaryOf(type, attach), fields };
}

/** What unlinking a link's last pin does, for the Unlink dialog. */
export function detachSentence(type: string, attach: Attach, progName: string): string {
  const prog = progName ? `program ${progName}` : 'program';
  if (type === 'iter') return `Removes the ${summaryOf(type, attach)} (${prog}).`;
  return `Detaches the ${type} ${prog} from ${summaryOf(type, attach)}.`;
}
