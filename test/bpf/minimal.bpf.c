// libbpf-bootstrap's minimal.bpf.c: global data in .bss (my_pid) and .rodata (bpf_printk's format), so libbpf
// creates the internal maps minimal.bss and minimal.rodata, which `bpftool prog loadall ... pinmaps` pins as
// minimal_bss and minimal_rodata. Compiled by the tests as minimal.bpf.o (never committed as a .o).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

int my_pid = 0;

SEC("tp/syscalls/sys_enter_write")
int handle_tp(void *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;

	if (pid != my_pid)
		return 0;

	bpf_printk("BPF triggered from PID %d.\n", pid);

	return 0;
}
