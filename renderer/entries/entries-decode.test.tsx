// The entries view on the real emulated engine: decoding with BTF, per-CPU columns and sum, and layouts.
import { act, screen, waitFor, within } from '@testing-library/react';

import { renderApp } from '../test-support/render-app.js';

const table = () => screen.getByRole('table', { name: 'Map entries' });
const bodyRows = () =>
  within(table())
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-rowindex') !== '1' && !r.classList.contains('pending'));

describe('entries view: decoding', () => {
  it('shows the conntrack map with BTF as named struct fields, enums by name, hex on toggle', async () => {
    const { user, store } = await renderApp(undefined, { demo: true });
    await act(() => store.getState().select('tc/globals/cilium_ct4_global'));
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    const first = bodyRows()[0]!;
    expect(first).toHaveTextContent(/saddr: 10\.0\.0\.1|saddr: 167772161/);
    expect(first).toHaveTextContent('packets: 10');
    expect(first).toHaveTextContent('state: CT_ESTABLISHED');
    expect(within(table()).getByRole('columnheader', { name: /Key struct ct4_key/ })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Hex' }));
    expect(bodyRows()[0]).toHaveTextContent('0a000001 0a0000fe');
    expect(screen.getByLabelText('Entry count')).toHaveTextContent('12 / 65,536 entries');
  });
});
