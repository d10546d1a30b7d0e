// Test object for the pin-reuse check: flow_table is LIBBPF_PIN_BY_NAME, so libbpf reuses a pin of that name
// under the pin root only when it matches. pinned_flows_v1.c and pinned_flows_v2.c differ only in its
// max_entries (1024 here); flow_counts, also pinned by name, is the same in both. Built with clang -target bpf -g.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1024);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} flow_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} flow_counts SEC(".maps");

SEC("xdp")
int track_flows(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&flow_table, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	v = bpf_map_lookup_elem(&flow_counts, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
