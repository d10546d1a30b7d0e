// CapEff masks decoded by bit, as capsh --decode does.
import { describe, expect, it } from 'vitest';

import { capabilityNames, effectiveCapabilities } from './capabilities.js';

describe('capabilities', () => {
  it('names the bits of a mask, including CAP_BPF and CAP_PERFMON, and unnamed high bits', () => {
    expect(capabilityNames('0000000000200000')).toEqual(['CAP_SYS_ADMIN']);
    expect(capabilityNames('000000c000200000')).toEqual(['CAP_SYS_ADMIN', 'CAP_PERFMON', 'CAP_BPF']);
    expect(capabilityNames('0000000000000000')).toEqual([]);
    expect(capabilityNames('8000000000000000')).toEqual(['cap_63']);
    expect(capabilityNames('not hex')).toEqual([]);
  });

  it('reads CapEff out of /proc/self/status text', () => {
    const status = 'Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n';
    const names = effectiveCapabilities(status);
    expect(names).toHaveLength(41);
    expect(names).toContain('CAP_BPF');
    expect(names.at(-1)).toBe('CAP_CHECKPOINT_RESTORE');
    expect(effectiveCapabilities('Name:\tx\n')).toEqual([]);
  });
});
