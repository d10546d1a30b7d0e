// Test object for link details: a raw tracepoint program the e2e test attaches to sched_switch with
// BPF_RAW_TRACEPOINT_OPEN and pins the link of. It only returns 0. Compiled by the tests with
// `clang -O2 -g -target bpf -c` (never committed as a .o).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("raw_tp/sched_switch")
int on_sched_switch(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
