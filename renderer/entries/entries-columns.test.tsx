// Field columns of the demo's conntrack map on the real emulated engine: each column sorts from its header and
// filters by name in its format (main does both), wide values open the row's details, and what changed since
// the user last looked is marked per row and per cell until they mark it seen.
import { act, screen, waitFor, within } from '@testing-library/react';

import type { EmulatedEngine } from '../../main/engine/emulated/engine.js';

import { bodyRows, cellOf, cellText, columnTexts, entriesTable } from '../test-support/entries.js';
import { renderApp } from '../test-support/render-app.js';

beforeEach(() => localStorage.clear());

const CT = 'tc/globals/cilium_ct4_global';

async function conntrack() {
  const parts = await renderApp(undefined, { demo: true });
  const emulated = parts.engine as unknown as EmulatedEngine;
  const now = emulated.clock();
  emulated.clock = () => now;
  await act(() => parts.store.getState().select(CT));
  await waitFor(() => expect(bodyRows()).toHaveLength(12));
  const filter = async (text: string) => {
    const box = screen.getByLabelText('Filter entries');
    await parts.user.clear(box);
    await parts.user.type(box, text);
    await parts.user.click(screen.getByRole('button', { name: 'Apply' }));
  };
  return { ...parts, filter };
}

const exactBytes = () => bodyRows().map((r) => Number(/(\d+) bytes/.exec(cellOf(r, 'value:bytes').title)?.[1]));

describe('entries view: field columns', () => {
  it('sorts by a column from its header: ascending, descending, off', async () => {
    const { user } = await conntrack();
    const header = () => within(entriesTable()).getByRole('button', { name: 'bytes' });
    await user.click(header());
    await waitFor(() => expect(exactBytes()).toEqual([...exactBytes()].sort((a, b) => a - b)));
    expect(header().closest('[role="columnheader"]')).toHaveAttribute('aria-sort', 'ascending');
    await user.click(header());
    await waitFor(() => expect(exactBytes()[0]).toBe(96211 * 1020));
    expect(exactBytes()).toEqual([...exactBytes()].sort((a, b) => b - a));
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('value:bytes');
    await user.click(header());
    await waitFor(() => expect(header().closest('[role="columnheader"]')).toHaveAttribute('aria-sort', 'none'));
    expect(cellText(bodyRows()[0]!, 'key:(flow)')).toBe('10.0.0.28:443 → 10.0.1.7:51514 tcp');
  });

  it('filters by field name in the field format: prefixes, protocol names, ages, byte counts, enums', async () => {
    const { filter, user } = await conntrack();
    const flows = () => columnTexts('key:(flow)');
    await filter('daddr in 10.0.0.0/8');
    await waitFor(() => expect(bodyRows()).toHaveLength(9));
    expect(flows().every((f) => / → 10\./.test(f))).toBe(true);
    await filter('proto = udp && daddr in 10.0.0.0/8');
    await waitFor(() =>
      expect(flows()).toEqual(['10.0.1.12:40312 → 10.0.0.10:53 udp', '10.0.0.10:53 → 10.0.1.12:40312 udp']),
    );
    await filter('last_seen < 2.5s');
    await waitFor(() => expect(bodyRows()).toHaveLength(5));
    expect(columnTexts('value:last_seen').every((t) => /^(\d+ ms|[0-2] s) ago$/.test(t))).toBe(true);
    await filter('bytes > 1MiB');
    await waitFor(() => expect(bodyRows()).toHaveLength(4));
    await filter('state = CT_CLOSING');
    await waitFor(() => expect(flows()).toEqual(['10.0.1.40:60210 → 10.0.0.80:8080 tcp']));
    await filter('dport = 443');
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    await filter('daddr in 10.0.0/8');
    expect(screen.getByRole('alert')).toHaveTextContent('"10.0.0/8" is not an IPv4 address');
    // From a column's menu: the clause joins the filter box and applies.
    await filter('proto = tcp');
    await waitFor(() => expect(bodyRows()).toHaveLength(8));
    await user.click(screen.getByRole('button', { name: 'packets column options' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter packets' }), '> 1000');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByLabelText('Filter entries')).toHaveValue('proto = tcp && packets > 1000');
    await waitFor(() => expect(bodyRows()).toHaveLength(5));
  });

  it('opens the details of a row, and a value too wide for its column opens them instead of an ellipsis', async () => {
    const { user } = await conntrack();
    expect(screen.queryByRole('region', { name: 'Row details' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Details of row 5' }));
    const details = screen.getByRole('region', { name: 'Row details' });
    expect(within(details).getByRole('heading')).toHaveTextContent('10.0.1.7:36012 → 93.184.216.34:443 tcp');
    const field = (name: string) => within(details).getByRole('rowheader', { name }).closest('tr')!;
    expect(field('key.daddr')).toHaveTextContent('93.184.216.34');
    expect(field('key.pad')).toHaveTextContent('00 00 00');
    expect(field('value.bytes')).toHaveTextContent('4.09 MiB4288600 bytes');
    expect(field('value.last_seen').textContent).toMatch(/3 s ago\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \(\d+ ns\)/);
    await user.click(within(details).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Row details' })).toBeNull();

    // Narrow the flow column: its long values get a button to read them whole.
    expect(within(bodyRows()[5]!).queryByRole('button', { name: 'Show all of Flow' })).toBeNull();
    screen.getByRole('separator', { name: 'Resize Flow' }).focus();
    await user.keyboard('{ArrowLeft}'.repeat(6));
    await user.click(within(bodyRows()[5]!).getByRole('button', { name: 'Show all of Flow' }));
    expect(within(screen.getByRole('region', { name: 'Row details' })).getByRole('heading')).toHaveTextContent(
      '10.0.1.23:58744 → 140.82.121.4:443 tcp',
    );
  });
});

describe('entries view: changes since you looked', () => {
  it('marks changed rows and cells, new and gone rows, with rates, until marked seen', async () => {
    const { api, user, engine, filter } = await conntrack();
    const look = () => screen.getByLabelText('Changes since you looked');
    expect(look()).toHaveTextContent('0 rows changed, 0 new, 0 gone');
    expect(bodyRows().filter((r) => r.hasAttribute('data-since-look'))).toEqual([]);

    const h = await api.get({ path: CT, access: 'rw' });
    // 10.0.1.12:40312 -> 10.0.0.10:53 udp gets 3 more packets (bytes unchanged); a new flow; the ICMP flow goes.
    await api.mapUpdate({
      handle: h.handle,
      key: '0a0001420a00001c9c4101bb06000000',
      value: '01000000000000003c00000000000000'.padEnd(64, '0'),
      flag: 'noexist',
    });
    await api.mapDelete({ handle: h.handle, key: '0a0001090a0002010000000001000000' });
    // Last, so the refresh that shows it also has its rate.
    const dns = '0a00010c0a00000a9d78003511000000';
    const value = await engine.mapLookup(h.handle, Uint8Array.from(Buffer.from(dns, 'hex')));
    new DataView(value.buffer, value.byteOffset).setBigUint64(0, 5n, true);
    await api.mapUpdate({ handle: h.handle, key: dns, value: Buffer.from(value).toString('hex'), flag: 'exist' });
    await waitFor(() => expect(look()).toHaveTextContent('1 row changed, 1 new, 1 gone'));

    const byFlow = (flow: string) => bodyRows().find((r) => cellText(r, 'key:(flow)') === flow)!;
    const changed = byFlow('10.0.1.12:40312 → 10.0.0.10:53 udp');
    expect(changed).toHaveAttribute('data-since-look', 'changed');
    expect(cellOf(changed, 'value:packets')).toHaveClass('cell-changed');
    expect(cellOf(changed, 'value:packets').querySelector('.rate')?.textContent).toMatch(/^\+[\d.]+\/s$/);
    expect(cellOf(changed, 'value:bytes')).not.toHaveClass('cell-changed');
    const added = byFlow('10.0.1.66:40001 → 10.0.0.28:443 tcp');
    expect(added).toHaveAttribute('data-since-look', 'added');
    expect(within(added).getByText('new')).toBeInTheDocument();
    expect(bodyRows().filter((r) => r.hasAttribute('data-since-look'))).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Show gone rows' }));
    const gone = screen.getByRole('list', { name: 'Gone rows' });
    expect(gone).toHaveTextContent(
      /^10\.0\.1\.9 → 10\.0\.2\.1 icmp gone at \d\d:\d\d:\d\d; last packets 14, bytes 1.15 KiB, last_seen 8 s ago, state CT_ESTABLISHED,/,
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Changed rows' }), 'look');
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Changed rows' }), '30');
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Changed rows' }), 'all');
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    // The same in the filter language, with any other clause.
    await filter('changed < 30s && proto = udp');
    await waitFor(() => expect(columnTexts('key:(flow)')).toEqual(['10.0.1.12:40312 → 10.0.0.10:53 udp']));
    await filter('changed');
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(12));

    await user.click(screen.getByRole('button', { name: 'Mark seen' }));
    await waitFor(() => expect(look()).toHaveTextContent('0 rows changed, 0 new, 0 gone'));
    expect(bodyRows().filter((r) => r.hasAttribute('data-since-look'))).toEqual([]);
    expect(entriesTable().querySelectorAll('.cell-changed')).toHaveLength(0);
  });
});
