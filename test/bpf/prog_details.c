// Test program for "programs you can read": an XDP packet counter per ingress ifindex in a hash map, with a
// bpf-to-bpf call and an atomic add, so its xlated disassembly exercises map references, inlined lookups,
// helper calls resolved through kallsyms and a jited subprogram call. Compiled by the tests with
// `clang -O2 -g -target bpf -c` and loaded with `bpftool prog load` (never committed as a .o).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} ifindex_counts SEC(".maps");

static __attribute__((noinline)) int verdict(int ifindex)
{
	return ifindex * 3 + 1;
}

SEC("xdp")
int count_ifindex(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex;
	__u64 one = 1, *count = bpf_map_lookup_elem(&ifindex_counts, &key);

	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&ifindex_counts, &key, &one, BPF_ANY);
	return verdict(key) > 5 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
