// Test object with program names longer than the kernel's 15 characters, all alike in their first 15
// ("trace_xdp_redir"): only BTF func_info tells them apart, as bpftool does.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int trace_xdp_redirect(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp")
int trace_xdp_redirect_err(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp")
int trace_xdp_redirect_map(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp")
int trace_xdp_redirect_map_err(struct xdp_md *ctx)
{
	return XDP_ABORTED;
}

char LICENSE[] SEC("license") = "GPL";
