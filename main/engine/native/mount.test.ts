// Parsing what the kernel tells in /proc and /sys: runs everywhere, no bpffs needed.
import { describe, expect, it } from 'vitest';

import { parseCpuList } from '../../../shared/bpf/cpu-list.js';

import { errnoError, hasBpfCapability, setPrivileged } from './errno.js';
import { parseMountInfo } from './mount.js';

describe('native engine: /proc and /sys parsing', () => {
  it('finds bpffs mounts in mountinfo, with escaped spaces in mount points', () => {
    const text = [
      '36 25 0:32 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:14 - bpf bpf rw,mode=700',
      '90 30 0:50 / /tmp/my\\040dir rw,relatime - bpf bpf rw',
      '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    ].join('\n');
    const bpf = parseMountInfo(text)
      .filter((m) => m.fsType === 'bpf')
      .map((m) => m.mountPoint);
    expect(bpf).toEqual(['/sys/fs/bpf', '/tmp/my dir']);
  });

  it('counts possible CPUs from ranges and single numbers', () => {
    expect(parseCpuList('0-1\n')).toBe(2);
    expect(parseCpuList('0')).toBe(1);
    expect(parseCpuList('0-3,6,8-9')).toBe(7);
  });

  it('tells root-like capabilities from CapEff, and says what is needed when bpf(2) is not permitted', () => {
    expect(hasBpfCapability('CapEff:\t000001ffffffffff\n')).toBe(true);
    expect(hasBpfCapability('CapEff:\t0000000000200000\n')).toBe(true); // CAP_SYS_ADMIN only
    expect(hasBpfCapability('CapEff:\t0000000000000000\n')).toBe(false);
    setPrivileged(false);
    try {
      const e = errnoError(1, 'Create hash map');
      expect(e.code).toBe('EPERM');
      expect(e.hint).toMatch(/root or CAP_BPF/);
    } finally {
      setPrivileged(true);
    }
    expect(errnoError(38, 'Freeze').message).toMatch(/not supported by this kernel/);
    expect(errnoError(524, 'Lookup')).toMatchObject({ code: 'ENOTSUPP', errno: 524 });
  });
});
