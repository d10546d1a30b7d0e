// Test object with a strong and a weak typeless __ksym variable, resolved by libbpf from /proc/kallsyms.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern const void needed_symbol __ksym;
extern const void optional_symbol __ksym __weak;

__u64 out_needed;
__u64 out_optional;

SEC("socket")
int reads_ksyms(void *ctx)
{
	out_needed = (__u64)&needed_symbol;
	out_optional = (__u64)&optional_symbol;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
