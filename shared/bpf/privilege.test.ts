// What the header, the banner and a locked pin's details say, by the engine's credentials.
import { describe, expect, it } from 'vitest';

import type { EngineDescription } from '../engine.js';
import { limitedViewNotice, noAccessReason, preloadedIterator, privilegeLabel } from './privilege.js';

const native = (privilege: EngineDescription['privilege']): EngineDescription => ({
  engine: 'native',
  mountPoint: '/sys/fs/bpf',
  possibleCpus: 2,
  ...(privilege ? { privilege } : {}),
});
const user = { uid: 1000, capBpf: false, capSysAdmin: false, unprivilegedBpfDisabled: 2 };

describe('privilege', () => {
  it('labels the engine by who it runs as', () => {
    expect(privilegeLabel(native({ uid: 0, capBpf: true, capSysAdmin: true }))).toBe('native — root');
    expect(privilegeLabel(native(user))).toBe('native — uid 1000, no CAP_BPF');
    expect(privilegeLabel(native({ ...user, capBpf: true }))).toBe('native — uid 1000, CAP_BPF without CAP_SYS_ADMIN');
    expect(privilegeLabel({ engine: 'emulated', mountPoint: '/sys/fs/bpf', possibleCpus: 2 })).toBe('emulated');
  });

  it('has a banner only when something is hidden', () => {
    expect(limitedViewNotice(native({ uid: 0, capBpf: true, capSysAdmin: true }))).toBeUndefined();
    expect(limitedViewNotice(native(user))?.seeing).toMatch(/^native — uid 1000, no CAP_BPF: names and modes only/);
  });

  it('says why a pin could not be opened: the file mode, or bpf(2) refusing unprivileged callers', () => {
    const pin = { mode: 0o600, uid: 0, gid: 0 };
    expect(noAccessReason('EACCES', pin, user)).toBe(
      "The pin's mode 0600 (owner uid 0, gid 0) does not let uid 1000 open it (EACCES from bpf(BPF_OBJ_GET)).",
    );
    expect(noAccessReason('EPERM', pin, user)).toContain('kernel.unprivileged_bpf_disabled = 2');
  });

  it('knows the preloaded iterators by their dotted names at the root only', () => {
    expect(preloadedIterator('maps.debug')).toBe('maps');
    expect(preloadedIterator('progs.debug')).toBe('progs');
    expect(preloadedIterator('tc/maps.debug')).toBeUndefined();
    expect(preloadedIterator('maps')).toBeUndefined();
  });
});
