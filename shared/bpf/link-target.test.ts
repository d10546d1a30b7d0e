import { describe, expect, it } from 'vitest';

import { ATTACH_TYPES, attachTypeName, describeLinkTarget, detachSentence } from './link-target.js';

describe('link targets in words', () => {
  it('names attach types by their enum bpf_attach_type number', () => {
    expect(attachTypeName(0)).toBe('cgroup_inet_ingress');
    expect(attachTypeName(37)).toBe('xdp');
    expect(attachTypeName(46)).toBe('tcx_ingress');
    expect(attachTypeName(999)).toBe('attach type 999');
    expect(ATTACH_TYPES).toHaveLength(58);
  });

  it.each([
    ['xdp', { ifindex: 2 }, 'ifindex 2'],
    ['tcx', { ifindex: 3, attach_type: 47 }, 'ifindex 3 (tcx_egress)'],
    ['cgroup', { cgroup_id: 4242, attach_type: 1 }, 'cgroup 4242 (cgroup_inet_egress)'],
    ['iter', { target_name: 'bpf_map' }, 'iterator bpf_map'],
    ['iter', { target_name: 'bpf_map_elem', map_id: 7 }, 'iterator bpf_map_elem of map 7'],
    ['raw_tracepoint', { tp_name: 'sys_enter' }, 'raw tracepoint sys_enter'],
    ['tracing', { attach_type: 24, target_obj_id: 1, target_btf_id: 900 }, 'BTF type 900 of object 1 (trace_fentry)'],
    ['netns', { netns_ino: 4026531840, attach_type: 17 }, 'network namespace inode 4026531840 (flow_dissector)'],
    ['netfilter', { pf: 2, hooknum: 1, priority: -100, flags: 0 }, 'netfilter ipv4 hook 1 priority -100'],
    ['kprobe_multi', { count: 3, flags: 0, missed: 0 }, '3 kernel functions'],
    ['perf_event', { perf_type: 3 }, 'perf event (kprobe)'],
  ] as const)('%s %o -> %s', (type, attach, summary) => {
    expect(describeLinkTarget(type, attach).summary).toBe(summary);
  });

  it('lists every field, attach types by name', () => {
    expect(describeLinkTarget('tcx', { ifindex: 3, attach_type: 46 }).fields).toEqual([
      ['ifindex', '3'],
      ['attach_type', 'tcx_ingress (46)'],
    ]);
  });

  it('says what unlinking the last pin does', () => {
    expect(detachSentence('xdp', { ifindex: 2 }, 'xdp_main')).toBe('Detaches the xdp program xdp_main from ifindex 2.');
    expect(detachSentence('iter', { target_name: 'bpf_prog' }, 'dump_bpf_prog')).toBe(
      'Removes the iterator bpf_prog (program dump_bpf_prog).',
    );
  });
});
