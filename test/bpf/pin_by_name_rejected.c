// Test object for a failed load with a LIBBPF_PIN_BY_NAME map: the map is pinned by name while libbpf creates
// maps, then the verifier rejects the program (it returns r5, never set), so the pin must go again.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} shared_counts SEC(".maps");

SEC("xdp")
int rejected_by_name(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&shared_counts, &key);
	int ret;

	if (v)
		__sync_fetch_and_add(v, 1);
	asm volatile("%0 = r5" : "=r"(ret));
	return ret;
}

char LICENSE[] SEC("license") = "GPL";
