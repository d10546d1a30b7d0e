// The bulk confirm judges the last reference for the whole set: an object whose other pins are all selected too
// is freed, one kept by an unselected pin or a holder is not.
import type { UnlinkImpact } from '../../shared/contract.js';

import { describeInSet } from './UnlinkSelectedDialog.js';

const map = { kind: 'map' as const, id: 9, type: 'hash', name: 'flows' };
const impact = (over: Partial<UnlinkImpact>): UnlinkImpact => ({
  entry: { name: 'a', path: 'a', kind: 'map', mode: 0o600, uid: 0, gid: 0, object: map } as UnlinkImpact['entry'],
  otherPins: [],
  handles: [],
  holders: [],
  freesObject: false,
  ...over,
});

describe('the last reference of a set of pins', () => {
  it('frees an object whose every other pin is selected too', () => {
    expect(describeInSet('a', impact({ otherPins: ['b'] }), ['a', 'b'])).toBe(
      'With b also selected, this is the last reference: the map hash "flows" (id 9) will be freed.',
    );
  });

  it('keeps an object pinned elsewhere or held by a process, and says by what', () => {
    expect(describeInSet('a', impact({ otherPins: ['b', 'c'] }), ['a', 'b'])).toBe(
      'The map hash "flows" (id 9) stays alive, held by pin c.',
    );
    const holders = [{ pid: 42, comm: 'agent', fds: [3] }];
    expect(describeInSet('a', impact({ otherPins: ['b'], holders }), ['a', 'b'])).toMatch(
      /held by agent \(pid 42\)\.$/,
    );
  });

  it('a lone last pin reads as the single Unlink says it', () => {
    expect(describeInSet('a', impact({ freesObject: true }), ['a'])).toBe(
      'This is the last reference: the map hash "flows" (id 9) will be freed.',
    );
  });
});
