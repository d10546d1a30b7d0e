// The entries view on the real emulated engine: per-CPU columns, layouts, edits with each flag and the kernel's
// errors, filter and sort done in main, export, the chart, and special maps.
import { act, screen, waitFor, within } from '@testing-library/react';

import { mapViewsOf } from '../../main/mapview/manager.js';

import { fromOutside, renderApp } from '../test-support/render-app.js';
import { makeCodec, parseViewBtf } from './codec.js';
import { exportText } from './export.js';
import { clockTime } from './StaleBadge.js';

const table = () => screen.getByRole('table', { name: 'Map entries' });
const bodyRows = () =>
  within(table())
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-rowindex') !== '1' && !r.classList.contains('pending'));

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
  it('gives per-CPU maps one column per CPU and a sum of each field', async () => {
    const { store } = await openDemo('xdp/xdp_stats_map');
    const cpus = store.getState().engine!.possibleCpus;
    const heads = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.split(' ')[0]);
    expect(heads).toEqual(['Key', ...Array.from({ length: cpus }, (_, i) => `cpu${i}`), 'Sum', 'Actions']);
    expect(bodyRows()[0]).toHaveTextContent(/rx_packets: \d+, rx_bytes: \d+/);
  });

  it('reads a map without BTF with each layout kind, remembered per map path', async () => {
    const { user } = await openMap('hash', 4, 16, [['0a000001', '00112233445566778899aabbccddeeff']]);
    const value = () => within(bodyRows()[0]!).getAllByRole('cell')[1]!;
    const preset = screen.getByRole('combobox', { name: 'value layout preset' });
    const cases: [string, RegExp][] = [
      ['hex', /00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff/],
      ['u8', /f0: 0, f1: 17, f2: 34/],
      ['u16', /f0: 4352, f1: 13090/],
      ['u32', /f0: 857870592,/],
      ['u64', /f0: 8603657889541918976,/],
      ['i8', /f10: -86/],
      ['ipv4', /f0: 0\.17\.34\.51/],
      ['ipv6', /11:2233:4455:6677:8899:aabb:ccdd:eeff/],
      ['mac', /^[^]*00:11:22:33:44:55/],
      ['ascii', /"\\u0000|""/],
    ];
    for (const [kind, expected] of cases) {
      if (kind === 'mac') {
        await user.selectOptions(preset, kind);
        expect(screen.getByRole('alert')).toHaveTextContent('16 bytes do not split into mac');
        continue;
      }
      await user.selectOptions(preset, kind);
      await waitFor(() => expect(value()).toHaveTextContent(expected));
    }
    await user.selectOptions(preset, 'u32');
    await user.selectOptions(screen.getByRole('combobox', { name: 'value byte order' }), 'be');
    await waitFor(() => expect(value()).toHaveTextContent(/f0: 1122867, /));
    const custom = screen.getByRole('textbox', { name: 'value layout' });
    await user.clear(custom);
    await user.type(custom, 'a: ipv4, hex 4');
    expect(screen.getByRole('alert')).toHaveTextContent('covers 8 bytes');
    await user.type(custom, ', b: u64 be');
    await waitFor(() => expect(value()).toHaveTextContent('a: 0.17.34.51'));
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
    const { user, store, engine } = await openMap('hash', 4, 8, [['01000000', '0500000000000000']]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh interval' }), '250');
    expect(screen.queryByRole('status', { name: 'Stale entries' })).toBeNull();
    // The view's own fd is closed under it: each later read fails with EBADF.
    await engine.close(mapViewsOf(engine).get(store.getState().entriesView!.opened!.view).handle);
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

  it('filters and sorts in main: packets > N, hex key prefix, by a field descending, by key', async () => {
    const { user } = await openDemo('tc/globals/cilium_ct4_global');
    const packets = () => bodyRows().map((r) => Number(/packets: (\d+)/.exec(r.textContent ?? '')?.[1]));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'value:packets');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort direction' }), 'desc');
    await waitFor(() => expect(packets()[0]).toBe(43));
    expect(packets()).toEqual([...packets()].sort((a, b) => b - a));
    await user.type(screen.getByRole('textbox', { name: 'Filter entries' }), 'packets > 30');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(packets()).toEqual([43, 40, 37, 34, 31]));
    expect(screen.getByLabelText('Entry count')).toHaveTextContent('5 shown');
    await user.clear(screen.getByRole('textbox', { name: 'Filter entries' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter entries' }), 'bogus > 1');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert')).toHaveTextContent('"bogus" is not a numeric field');
    await user.clear(screen.getByRole('textbox', { name: 'Filter entries' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter entries' }), '^0a000003');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(bodyRows()[0]).toHaveTextContent('packets: 16');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await user.click(screen.getByRole('button', { name: /^Key/ }));
    await waitFor(() => expect(bodyRows()).toHaveLength(12));
    expect(packets()).toEqual([10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43]);
  });

  it('exports the filtered, sorted view as CSV and JSON with decoded text and hex', async () => {
    const { store, api } = await openDemo('tc/globals/cilium_ct4_global');
    await act(() => store.getState().configureEntriesView({ filter: [], sort: { by: 'key', dir: 'desc' } }));
    const v = store.getState().entriesView!;
    const codec = makeCodec(v.opened!.info, parseViewBtf(v.opened!.btf), {});
    const json = JSON.parse(await exportText(api, v.opened!.view, codec, 'json', 12)) as Record<string, string>[];
    expect(json).toHaveLength(12);
    expect(json[0]).toMatchObject({ key_hex: '0a00000c0a0000fe9c8d01bb06000000' });
    expect(json[0]!.value).toContain('packets: 43');
    const csv = await exportText(api, v.opened!.view, codec, 'csv', 12);
    expect(csv.split('\n')[0]).toBe('key,key_hex,value,value_hex');
    expect(csv.split('\n')).toHaveLength(14);
    expect(csv).toContain('"{packets: 43');
  });

  it('charts the sum of a field and gains points with each refresh', async () => {
    const { user, engine } = await openDemo('tc/globals/cilium_ct4_global');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Refresh interval' }), '250');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Chart field' }), 'value:packets');
    await waitFor(
      () => expect(screen.getByLabelText('Chart points')).toHaveTextContent(/sum of packets: \d+ points?, now 318/),
      { timeout: 3000 },
    );
    const caption = screen.getByLabelText('Chart points');
    const before = Number(/: (\d+) point/.exec(caption.textContent ?? '')![1]);
    const h = await engine.get('tc/globals/cilium_ct4_global', 'rw');
    await engine.mapUpdate(
      h.handle,
      new Uint8Array([10, 0, 0, 1, 10, 0, 0, 254, 0x9c, 0x40, 0, 53, 17, 0, 0, 0]),
      new Uint8Array(32),
      'exist',
    );
    await waitFor(() => expect(screen.getByLabelText('Chart points')).toHaveTextContent('now 308'), { timeout: 3000 });
    expect(Number(/: (\d+) point/.exec(screen.getByLabelText('Chart points').textContent ?? '')![1])).toBeGreaterThan(
      before,
    );
  });

  it('links prog_array values to their programs, and explains ring buffers', async () => {
    const { user, store } = await openDemo('tc/globals/cali_jump');
    const link = await within(bodyRows()[0]!).findByRole('button', { name: /prog \d+ → tc\/globals\/cali_tc_main/ });
    expect(bodyRows()[1]).toHaveTextContent(/prog \d+ \(unpinned\)/);
    await user.click(link);
    await waitFor(() => expect(store.getState().selected).toBe('tc/globals/cali_tc_main'));
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
