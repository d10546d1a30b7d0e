// Test object the verifier rejects: the XDP program returns r5, which is never set at entry ("R5 !read_ok").
// Its map is created first, so a drop of this object must free the map again (nothing half-done).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(key_size, 4);
	__uint(value_size, 8);
	__uint(max_entries, 1);
} seen SEC(".maps");

SEC("xdp")
int reads_unset_reg(struct xdp_md *ctx)
{
	int ret;

	asm volatile("%0 = r5" : "=r"(ret));
	return ret;
}

char LICENSE[] SEC("license") = "GPL";
