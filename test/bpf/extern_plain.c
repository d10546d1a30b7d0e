// Test object calling a function that is declared (not __ksym) but never defined: libbpf finds no section for it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int undefined_helper(void);

SEC("socket")
int calls_undefined(void *ctx)
{
	return undefined_helper();
}

char LICENSE[] SEC("license") = "GPL";
