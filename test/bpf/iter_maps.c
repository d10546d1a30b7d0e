// Test object for pins of links: a bpf_map iterator that prints nothing. Pinned with `bpftool iter pin`, it makes
// an iterator link pin. Compiled by the tests with `clang -O2 -g -target bpf -c` (never committed as a .o).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("iter/bpf_map")
int list_maps(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
