// Test object whose verifier log is longer than 4 KB: 400 register moves the verifier logs one by one, then a
// read of r5, which was never set. The reason ("R5 !read_ok") is at the very end of the log.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MOV1 "r2 = 1\n"
#define MOV10 MOV1 MOV1 MOV1 MOV1 MOV1 MOV1 MOV1 MOV1 MOV1 MOV1
#define MOV100 MOV10 MOV10 MOV10 MOV10 MOV10 MOV10 MOV10 MOV10 MOV10 MOV10

SEC("xdp")
int rejected_at_end(struct xdp_md *ctx)
{
	int ret;

	asm volatile(MOV100 MOV100 MOV100 MOV100 "%0 = r5" : "=r"(ret) : : "r2");
	return ret;
}

char LICENSE[] SEC("license") = "GPL";
