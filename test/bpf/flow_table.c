// Test object for semantic formats: a flow table as datapaths declare it, with addresses in __be32, ports in
// __be16, a MAC, an interface name, a nanosecond timestamp and counters. Compiled by the tests with
// `clang -O2 -g -target bpf -c` (never committed as a .o).
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

enum flow_flags {
	FLOW_SEEN_SYN = 1,
	FLOW_SEEN_FIN = 2,
	FLOW_REPLIED = 4,
	FLOW_NAT = 8,
};

struct flow_key {
	__be32 saddr;
	__be32 daddr;
	__be16 sport;
	__be16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct flow_stats {
	__u64 packets;
	__u64 bytes;
	__u64 last_seen;
	__u8 src_mac[6];
	char ifname[10];
	enum flow_flags flags;
	__u32 ifindex;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct flow_key);
	__type(value, struct flow_stats);
	__uint(max_entries, 1024);
} flows SEC(".maps");

SEC("xdp")
int count_flows(struct xdp_md *ctx)
{
	struct flow_key key = {};
	struct flow_stats *s = bpf_map_lookup_elem(&flows, &key);

	if (s) {
		__sync_fetch_and_add(&s->packets, 1);
		s->last_seen = bpf_ktime_get_ns();
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
