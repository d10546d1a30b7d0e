// Test object whose program sits in a section that names no program type ("mysection").
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("mysection")
int in_unknown_section(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
