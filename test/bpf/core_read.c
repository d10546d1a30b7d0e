// Test object for CO-RE: a tracepoint program reading task_struct->pid through a local, partial definition of
// task_struct marked preserve_access_index, so the offset comes from the kernel's BTF at load time.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct task_struct {
	int pid;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} last_pid SEC(".maps");

SEC("tp/sched/sched_switch")
int read_pid(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u32 key = 0, pid = 0;

	bpf_probe_read_kernel(&pid, sizeof(pid), &task->pid);
	bpf_map_update_elem(&last_pid, &key, &pid, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
