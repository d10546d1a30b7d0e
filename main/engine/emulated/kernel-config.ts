// The host's Kconfig for .kconfig externs, read as libbpf reads it (/boot/config-RELEASE, else /proc/config.gz),
// plus the values libbpf computes itself (LINUX_KERNEL_VERSION, LINUX_HAS_*). Read once per process.
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { gunzipSync } from 'node:zlib';

let cached: Map<string, string> | undefined;

function readConfig(): string | undefined {
  for (const [path, gz] of [
    [`/boot/config-${release()}`, false],
    ['/proc/config.gz', true],
  ] as const) {
    try {
      const bytes = readFileSync(path);
      return (gz ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch {
      /* try the next place */
    }
  }
  return undefined;
}

/** KERNEL_VERSION(a, b, c) of the running kernel, as libbpf's get_kernel_version. */
function kernelVersion(): string | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release());
  if (!m) return undefined;
  return String((Number(m[1]) << 16) + (Number(m[2]) << 8) + Math.min(Number(m[3] ?? 0), 255));
}

function load(): Map<string, string> {
  const values = new Map<string, string>();
  if (process.platform !== 'linux') return values;
  for (const line of (readConfig() ?? '').split('\n')) {
    const eq = line.indexOf('=');
    if (line.startsWith('CONFIG_') && eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const version = kernelVersion();
  if (version) values.set('LINUX_KERNEL_VERSION', version);
  values.set('LINUX_HAS_BPF_COOKIE', 'y');
  // libbpf answers this by opening a kprobe on __<arch>_sys_bpf: 0 where the kernel has no kprobes.
  values.set('LINUX_HAS_SYSCALL_WRAPPER', hasKprobes() ? 'y' : 'n');
  return values;
}

function hasKprobes(): boolean {
  return ['/sys/bus/event_source/devices/kprobe', '/sys/kernel/tracing/kprobe_events'].some((p) => existsSync(p));
}

export function hostKconfig(name: string): string | undefined {
  cached ??= load();
  return cached.get(name);
}
