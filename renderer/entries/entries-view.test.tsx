// The entries view on the real emulated engine: per-CPU sums and each CPU's values, layouts, edits with each flag
// and the kernel's errors, filter and sort done in main, export, the chart, and special maps.
import { act, screen, waitFor, within } from '@testing-library/react';

import { exportText } from '../store/export-rows.js';
import { bodyRows, cellOf, columnTexts, headerLabels } from '../test-support/entries.js';
import { fromOutside, renderApp } from '../test-support/render-app.js';
import { makeCodec, parseViewBtf } from './codec.js';
import { clockTime } from './StaleBadge.js';

async function openDemo(path: string) {
  const parts = await renderApp(undefined, { demo: true });
  await act(() => parts.store.getState().select(path));
  await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
  return parts;
}

async function openMap(type: string, keySize: number, valueSize: number, entries: [string, string][], maxEntries = 16) {
  const parts = await renderApp(async ({ api }) => {
    const h = await api.createMap({ type, name: 'm', keySize, valueSize, maxEntries, flags: [] } as Parameters<
      typeof api.createMap
    >[0]);
    await api.pin({ handle: h.handle, path: 'm' });
    for (const [key, value] of entries) await api.mapUpdate({ handle: h.handle, key, value, flag: 'any' });
    await api.close({ handle: h.handle });
  });
  await act(() => parts.store.getState().select('m'));
  if (entries.length > 0) await waitFor(() => expect(bodyRows()).toHaveLength(entries.length));
  return parts;
}

describe('entries view', () => {
  it("sums each field of a per-CPU map over the CPUs, with each CPU's value a column or the details away", async () => {
    const { store, api, user } = await openDemo('xdp/xdp_stats_map');
    const cpus = store.getState().engine!.possibleCpus;
    expect(headerLabels()).toEqual(['Key', 'rx_packets', 'rx_bytes', 'Actions']);
    const h = await api.get({ path: 'xdp/xdp_stats_map', access: 'rw' });
    const slot = (c: number) => {
      const b = Buffer.alloc(16);
      b.writeBigUInt64LE(BigInt(c + 1));
      b.writeBigUInt64LE(BigInt(1000 * (c + 1)), 8);
      return b.toString('hex');
    };
    const value = Array.from({ length: cpus }, (_, c) => slot(c)).join('');
    await api.mapUpdate({ handle: h.handle, key: '02000000', value, flag: 'exist' });
    const sum = (cpus * (cpus + 1)) / 2;
    await waitFor(() => expect(cellOf(bodyRows()[2]!, 'value:rx_packets')).toHaveTextContent(String(sum)));
    expect(cellOf(bodyRows()[2]!, 'value:rx_bytes')).toHaveAttribute(
      'title',
      expect.stringContaining(`${sum * 1000} bytes`),
    );
    await user.click(screen.getByRole('button', { name: 'Details of row 3' }));
    const details = screen.getByRole('region', { name: 'Row details' });
    const cpuText = Array.from({ length: cpus }, (_, c) => `cpu${c} ${c + 1}`).join(' · ');
    expect(within(details).getByText(cpuText)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Columns/ }));
    await user.click(screen.getByRole('checkbox', { name: 'value.rx_packets cpu0' }));
    expect(headerLabels()).toEqual(['Key', 'rx_packets cpu0', 'rx_packets', 'rx_bytes', 'Actions']);
    expect(cellOf(bodyRows()[2]!, 'value:rx_packets@cpu0')).toHaveTextContent('1');
  });

  it('reads a map without BTF with each layout kind, remembered per map path', async () => {
    const { user } = await openMap('hash', 4, 16, [['0a000001', '00112233445566778899aabbccddeeff']]);
    const cell = (id: string) => cellOf(bodyRows()[0]!, id);
    const preset = screen.getByRole('combobox', { name: 'value layout preset' });
    const cases: [string, string, string][] = [
      ['hex', 'value:value', '00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff'],
      ['u8', 'value:f1', '17'],
      ['u16', 'value:f0', '4352'],
      ['u32', 'value:f0', '857870592'],
      ['u64', 'value:f0', '8603657889541918976'],
      ['i8', 'value:f10', '-86'],
      ['ipv4', 'value:f0', '0.17.34.51'],
      ['ipv6', 'value:value', '11:2233:4455:6677:8899:aabb:ccdd:eeff'],
    ];
    for (const [kind, column, expected] of cases) {
      await user.selectOptions(preset, kind);
      await waitFor(() => expect(cell(column)).toHaveTextContent(expected));
    }
    await user.selectOptions(preset, 'mac');
    expect(screen.getByRole('alert')).toHaveTextContent('16 bytes do not split into mac');
    await user.selectOptions(preset, 'ascii');
    await waitFor(() => expect(headerLabels()).toEqual(['Key', 'Value', 'Actions']));
    expect(cell('value:value').textContent).toBe('');
    await user.selectOptions(preset, 'u32');
    await user.selectOptions(screen.getByRole('combobox', { name: 'value byte order' }), 'be');
    await waitFor(() => expect(cell('value:f0')).toHaveTextContent('1122867'));
    const custom = screen.getByRole('textbox', { name: 'value layout' });
    await user.clear(custom);
    await user.type(custom, 'a: ipv4, hex 4');
    expect(screen.getByRole('alert')).toHaveTextContent('covers 8 bytes');
    await user.type(custom, ', b: u64 be');
    await waitFor(() => expect(cell('value:a')).toHaveTextContent('0.17.34.51'));
    expect(cell('key:key')).toHaveTextContent(String(0x0100000a));
    expect(JSON.parse(localStorage.getItem('bpfscope.layout:m')!)).toMatchObject({
      value: 'a: ipv4, hex 4, b: u64 be',
    });
  });

  it('edits a field, inserts and deletes with each flag, and shows the kernel errno in place', async () => {
    const { user } = await openMap('hash', 4, 8, [['01000000', '0500000000000000']], 2);
    await user.click(screen.getByRole('button', { name: 'Edit row 1' }));
    const form = () => screen.getByRole('form', { name: /entry/ });
    await user.clear(within(form()).getByRole('textbox', { name: 'New value' }));
    await user.type(within(form()).getByRole('textbox', { name: 'New value' }), '77');
    await user.click(within(form()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodyRows()[0]).toHaveTextContent('77'));

    await user.click(screen.getByRole('button', { name: 'Insert…' }));
    await user.type(within(form()).getByRole('textbox', { name: 'New key' }), '1');
    await user.type(within(form()).getByRole('textbox', { name: 'New value' }), '9');
    await user.click(within(form()).getByRole('button', { name: 'Insert' }));
    expect(await within(form()).findByRole('alert')).toHaveTextContent('EEXIST');
    await user.clear(within(form()).getByRole('textbox', { name: 'New key' }));
    await user.type(within(form()).getByRole('textbox', { name: 'New key' }), '2');
    await user.selectOptions(within(form()).getByRole('combobox', { name: 'Update flag' }), 'exist');
    await user.click(within(form()).getByRole('button', { name: 'Insert' }));
    expect(await within(form()).findByRole('alert')).toHaveTextContent('ENOENT');
    await user.selectOptions(within(form()).getByRole('combobox', { name: 'Open the map' }), 'ro');
    await user.selectOptions(within(form()).getByRole('combobox', { name: 'Update flag' }), 'any');
    await user.click(within(form()).getByRole('button', { name: 'Insert' }));
    expect(await within(form()).findByRole('alert')).toHaveTextContent('EPERM');
    await user.selectOptions(within(form()).getByRole('combobox', { name: 'Open the map' }), 'rw');
    await user.click(within(form()).getByRole('button', { name: 'Insert' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Insert…' }));
    await user.type(within(form()).getByRole('textbox', { name: 'New key' }), '3');
    await user.type(within(form()).getByRole('textbox', { name: 'New value' }), '1');
    await user.click(within(form()).getByRole('button', { name: 'Insert' }));
    expect(await within(form()).findByRole('alert')).toHaveTextContent('E2BIG');
    await user.click(within(form()).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Edit row 2' }));
    await user.click(within(form()).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
  });

  it('marks the rows stale, with the time they were read and why, when refreshing the map fails', async () => {
    const opened = Date.now();
    const { user, store, engine, host } = await openMap('hash', 4, 8, [['01000000', '0500000000000000']]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh interval' }), '250');
    expect(screen.queryByRole('status', { name: 'Stale entries' })).toBeNull();
    // The view's own fd is closed under it: each later read fails with EBADF.
    await engine.close(host.views.get(store.getState().entriesView!.opened!.view).handle);
    const note = await screen.findByRole('status', { name: 'Stale entries' }, { timeout: 3000 });
    const since = store.getState().entriesView!.stale!.since;
    expect(since).toBeGreaterThanOrEqual(opened - 1000);
    expect(since).toBeLessThanOrEqual(Date.now());
    expect(note).toHaveTextContent(`stale since ${clockTime(since)}`);
    expect(note).toHaveTextContent(/^stale since \d\d:\d\d:\d\d Reading the map failed \(EBADF\)/);
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('5');
  });

  it('shows a frozen map read-only, with the reason', async () => {
    const { user: _u } = await renderApp(async ({ api }) => {
      const h = await api.createMap({ type: 'array', name: 'cfg', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
      await api.pin({ handle: h.handle, path: 'cfg' });
      await api.mapFreeze({ handle: h.handle });
      await api.close({ handle: h.handle });
    }).then(async (p) => {
      await act(() => p.store.getState().select('cfg'));
      return p;
    });
    expect(await screen.findByText(/The map is frozen/)).toBeInTheDocument();
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Edit row 1' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Insert…' })).toBeNull();
  });

  it('filters and sorts in main: a field against a number, hex key prefix, by a field descending, by key', async () => {
    const { user } = await openDemo('tc/globals/cilium_ct4_global');
    const packets = () => columnTexts('value:packets').map(Number);
    const filter = async (text: string) => {
      await user.clear(screen.getByRole('textbox', { name: 'Filter entries' }));
      await user.type(screen.getByRole('textbox', { name: 'Filter entries' }), text);
      await user.click(screen.getByRole('button', { name: 'Apply' }));
    };
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'value:packets');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort direction' }), 'desc');
    await waitFor(() => expect(packets()[0]).toBe(96540));
    expect(packets()).toEqual([...packets()].sort((a, b) => b - a));
    await filter('packets > 1000');
    await waitFor(() => expect(packets()).toEqual([96540, 96211, 5230, 1840, 1836]));
    expect(screen.getByLabelText('Entry count')).toHaveTextContent('5 shown');
    await filter('bogus > 1');
    expect(screen.getByRole('alert')).toHaveTextContent('"bogus" is not a field of this map; try one of: saddr');
    await filter('^0a00001c');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(cellOf(bodyRows()[0]!, 'value:packets')).toHaveTextContent('1840');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await user.click(screen.getByRole('button', { name: 'Flow' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    const flows = columnTexts('key:(flow)');
    expect([flows[0], flows[11]]).toEqual([
      '10.0.0.10:53 → 10.0.1.12:40312 udp',
      '192.168.1.10:22 → 10.0.1.99:50022 tcp',
    ]);
  });

  it('exports the filtered, sorted view as CSV and JSON with decoded text and hex', async () => {
    const { store, api } = await openDemo('tc/globals/cilium_ct4_global');
    await act(() => store.getState().configureEntriesView({ filter: [], sort: { by: 'key', dir: 'desc' } }));
    const v = store.getState().entriesView!;
    const codec = makeCodec(v.opened!.info, parseViewBtf(v.opened!.btf), {});
    const json = JSON.parse(await exportText(api, v.opened!.view, codec, 'json', 12)) as Record<string, string>[];
    expect(json).toHaveLength(12);
    expect(json[0]).toMatchObject({ key_hex: 'c0a8010a0a0001630016c36606000000' });
    expect(json[0]!.value).toContain('packets: 340');
    const csv = await exportText(api, v.opened!.view, codec, 'csv', 12);
    expect(csv.split('\n')[0]).toBe('key,key_hex,value,value_hex');
    expect(csv.split('\n')).toHaveLength(14);
    expect(csv).toContain('"{packets: 340');
  });

  it('charts the sum of a field and gains points with each refresh', async () => {
    const { user, engine } = await openDemo('tc/globals/cilium_ct4_global');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh interval' }), '250');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Chart field' }), 'value:packets');
    await waitFor(
      () => expect(screen.getByLabelText('Chart points')).toHaveTextContent(/sum of packets: \d+ points?, now 202890/),
      { timeout: 3000 },
    );
    const caption = screen.getByLabelText('Chart points');
    const before = Number(/: (\d+) point/.exec(caption.textContent ?? '')![1]);
    const h = await engine.get('tc/globals/cilium_ct4_global', 'rw');
    // The DNS query 10.0.1.12:40312 -> 10.0.0.10:53 (2 packets) back to none.
    await engine.mapUpdate(
      h.handle,
      new Uint8Array([10, 0, 1, 12, 10, 0, 0, 10, 0x9d, 0x78, 0, 53, 17, 0, 0, 0]),
      new Uint8Array(32),
      'exist',
    );
    await waitFor(() => expect(screen.getByLabelText('Chart points')).toHaveTextContent('now 202888'), {
      timeout: 3000,
    });
    expect(Number(/: (\d+) point/.exec(screen.getByLabelText('Chart points').textContent ?? '')![1])).toBeGreaterThan(
      before,
    );
  });

  it('names the programs of prog_array values with their pins, and explains ring buffers', async () => {
    const { store } = await openDemo('tc/globals/cali_jump');
    expect(
      await within(bodyRows()[0]!).findByRole('button', { name: /^Open prog \d+ cali_tc_main$/ }),
    ).toHaveTextContent(/prog \d+ cali_tc_main \(tc\/globals\/cali_tc_main\)/);
    expect(bodyRows()[1]).toHaveTextContent(/prog \d+ cali_tc_policy \(unpinned\)/);
    await act(() => store.getState().select('maps/events'));
    expect(await screen.findByText(/A ring buffer has no keys/)).toBeInTheDocument();
  });

  it('peeks at the head of a queue without removing it, and says when it is empty', async () => {
    const { user, store, api } = await renderApp(async ({ api: a }) => {
      const h = await a.createMap({ type: 'queue', name: 'q', keySize: 0, valueSize: 4, maxEntries: 4, flags: [] });
      await a.pin({ handle: h.handle, path: 'q' });
      await a.close({ handle: h.handle });
    });
    await act(() => store.getState().select('q'));
    await user.click(await screen.findByRole('button', { name: 'Peek' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The queue is empty (ENOENT).');
    await fromOutside(async () => {
      const h = await api.get({ path: 'q', access: 'rw' });
      await api.mapUpdate({ handle: h.handle, key: null, value: '2a000000', flag: 'any' });
    });
    await user.click(screen.getByRole('button', { name: 'Peek' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Head: 2a000000'));
  });
});
