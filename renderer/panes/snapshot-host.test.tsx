// On a snapshot host every action that would change it is disabled with a tooltip saying it is a snapshot;
// reading actions stay.
import { describe, expect, it } from 'vitest';

import { ACTIONS, actionState } from '../actions/actions.js';

describe('actions on a snapshot', () => {
  it('are disabled when they write, with the snapshot named in the tooltip', () => {
    const ctx = { entry: null, handles: [] };
    const rows = ACTIONS.map((a) => [a.label, actionState(a, ctx, 'web-7 at 1970-01-01 00:00:00 UTC')] as const);
    expect(Object.fromEntries(rows)['New folder']).toEqual({
      disabled: true,
      title: 'web-7 at 1970-01-01 00:00:00 UTC is a snapshot: it cannot be changed.',
    });
    expect(rows.filter(([, s]) => !s.disabled).map(([l]) => l)).toEqual(['Get', 'Refresh']);
    expect(actionState(ACTIONS[0]!, ctx, undefined)).toEqual({ disabled: false });
  });
});
