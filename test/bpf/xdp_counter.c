// Test object for "drop an ELF object on a folder": an XDP program counting packets per IP protocol in a
// BTF-defined hash map, and a tc program in another section. Compiled by the tests with
// `clang -O2 -g -target bpf -c` (never committed as a .o).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 256);
} proto_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 8);
	__uint(max_entries, 1);
} tc_packets SEC(".maps");

SEC("xdp")
int count_protocols(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	__u32 proto = 0;
	__u64 one = 1, *count;

	if ((void *)(ip + 1) <= data_end && eth->h_proto == bpf_htons(ETH_P_IP))
		proto = ip->protocol;
	count = bpf_map_lookup_elem(&proto_counts, &proto);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&proto_counts, &proto, &one, BPF_NOEXIST);
	return XDP_PASS;
}

SEC("tc")
int count_tc(struct __sk_buff *skb)
{
	__u32 zero = 0;
	__u64 *count = bpf_map_lookup_elem(&tc_packets, &zero);

	if (count)
		__sync_fetch_and_add(count, 1);
	return 0; /* TC_ACT_OK */
}

char LICENSE[] SEC("license") = "GPL";
