// The entries view on the real emulated engine: the demo's conntrack map reads like conntrack without any setting.
import { act, screen, waitFor } from '@testing-library/react';

import { bodyRows, cellOf, columnTexts, headerLabels } from '../test-support/entries.js';
import { renderApp } from '../test-support/render-app.js';

describe('entries view: decoding', () => {
  it('shows the conntrack map as flows, counters with units, ages, states and flags by name', async () => {
    const { user, store } = await renderApp(undefined, { demo: true });
    await act(() => store.getState().select('tc/globals/cilium_ct4_global'));
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    expect(headerLabels()).toEqual([
      'Flow',
      'packets',
      'bytes',
      'last_seen',
      'state',
      'tcp_flags',
      'rx_closing',
      'tx_closing',
      'seen_non_syn',
      'ifindex',
      'Actions',
    ]);
    expect(columnTexts('key:(flow)').slice(0, 3)).toEqual([
      '10.0.0.28:443 → 10.0.1.7:51514 tcp',
      '10.0.1.7:51514 → 10.0.0.28:443 tcp',
      '10.0.1.12:40312 → 10.0.0.10:53 udp',
    ]);
    // ICMP has no ports: the addresses alone.
    expect(columnTexts('key:(flow)')).toContain('10.0.1.9 → 10.0.2.1 icmp');
    const first = bodyRows()[0]!;
    expect(cellOf(first, 'value:packets')).toHaveTextContent('1840');
    expect(cellOf(first, 'value:bytes')).toHaveTextContent('2.07 MiB');
    expect(cellOf(first, 'value:bytes')).toHaveAttribute('title', expect.stringContaining('2171200 bytes'));
    expect(cellOf(first, 'value:last_seen').textContent).toMatch(/^(\d+ ms|\d+ s) ago$/);
    expect(cellOf(first, 'value:last_seen')).toHaveAttribute(
      'title',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \(\d+ ns\)/),
    );
    expect(cellOf(first, 'value:state')).toHaveTextContent('CT_ESTABLISHED');
    expect(cellOf(first, 'value:tcp_flags')).toHaveTextContent('TCP_SYN|TCP_PSH|TCP_ACK');
    expect(cellOf(first, 'value:seen_non_syn')).toHaveTextContent('true');
    expect(columnTexts('value:state')).toContain('CT_CLOSING');

    await user.click(screen.getByRole('checkbox', { name: 'Hex' }));
    expect(cellOf(bodyRows()[0]!, 'key:(flow)')).toHaveTextContent('0a00001c 0a000107 01bbc93a 06000000');
    expect(cellOf(bodyRows()[0]!, 'value:packets')).toHaveTextContent('30070000 00000000');
    expect(screen.getByLabelText('Entry count')).toHaveTextContent('12 / 65,536 entries');
  });
});
