// Semantic formats in the entries table, on the real emulated engine: every format as inferred from BTF type and
// field names, a real clang-built object's __be32 addresses and __be16 ports, and per-column choices (format,
// byte order, hidden, width) remembered per map name across a new store.
import { act, screen, waitFor, within } from '@testing-library/react';

import { parseBtf } from '../../shared/btf/btf.js';
import { parseElf } from '../../shared/elf/elf64.js';

import type { EmulatedEngine } from '../../main/engine/emulated/engine.js';
import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { formatSample } from '../../test/support/format-sample.js';

import { bodyRows, cellOf, cellText, columnTexts, headerLabels } from '../test-support/entries.js';
import { renderApp } from '../test-support/render-app.js';

beforeEach(() => localStorage.clear());

/** The demo host with its clock stopped, so ages read the same however long the test takes. */
async function demoAt(path: string) {
  const parts = await renderApp(undefined, { demo: true });
  const emulated = parts.engine as unknown as EmulatedEngine;
  const now = emulated.clock();
  emulated.clock = () => now;
  await act(() => parts.store.getState().select(path));
  await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
  return parts;
}

describe('entries view: formats', () => {
  it('shows every field in the format its type and name say, and says which on the header', async () => {
    const sample = formatSample();
    const parts = await renderApp(async ({ engine }) => {
      const h = await engine.createMap({
        type: 'hash',
        name: 'sample',
        keySize: 4,
        valueSize: sample.bytes.length,
        maxEntries: 4,
        flags: [],
        btf: { data: sample.data, keyTypeId: sample.keyTypeId, valueTypeId: sample.id },
      });
      await engine.mapUpdate(h.handle, Uint8Array.of(1, 0, 0, 0), sample.bytes, 'any');
      (engine as unknown as EmulatedEngine).clock = () => 100_000_000_000n;
      await engine.pin(h.handle, 'sample');
      await engine.close(h.handle);
    });
    await act(() => parts.store.getState().select('sample'));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    const row = bodyRows()[0]!;
    const expected: [string, string][] = [
      ['tuple.saddr', '10.0.0.28'],
      ['tuple.daddr', '10.0.1.7'],
      ['tuple.sport', '443'],
      ['tuple.dport', '51514'],
      ['tuple.nexthdr', 'icmpv6'],
      ['src_ip', '192.168.0.1'],
      ['v6', '2001:db8::1'],
      ['h_source', '02:42:ac:11:00:0a'],
      ['h_proto', 'ipv6'],
      ['comm', 'curl'],
      ['last_seen', '2 s ago'],
      ['first_seen', 'never'],
      ['rtt_ns', '1.5 ms'],
      ['rx_bytes', '1.5 KiB'],
      ['packets', '12'],
      ['flags', 'SYN|ACK|0x40'],
      ['verdict', '-5'],
      ['state', '9'],
      ['is_ipv6', 'true'],
      ['ok', 'true'],
      ['counts', '[7, 8, 0]'],
      ['closing', 'true'],
      ['retries', '5'],
    ];
    for (const [path, text] of expected) expect([path, cellText(row, `value:${path}`)]).toEqual([path, text]);
    // Padding is a column too, hidden until asked for.
    expect(headerLabels()).not.toContain('__pad');
    const header = within(screen.getByRole('table', { name: 'Map entries' }))
      .getAllByRole('columnheader')
      .find((h) => h.getAttribute('data-col') === 'value:tuple.saddr')!;
    expect(header).toHaveAttribute('title', '__be32 as ipv4');
    expect(cellOf(row, 'value:last_seen').getAttribute('title')).toMatch(/ \(98000000000 ns\)/);
  });

  const noClang = clangSkipReason();
  it.skipIf(noClang)(
    `reads a clang-built object's __be32 addresses and __be16 ports in host order${noClang ? ` (skipped: ${noClang})` : ''}`,
    async () => {
      // The object's own .BTF, as clang wrote it, attached to a map of its flow_key / flow_stats types.
      const elf = parseElf(compileBpf('flow_table').bytes);
      const data = elf.data(elf.sections.find((sec) => sec.name === '.BTF')!);
      const btf = parseBtf(data);
      const [keyTypeId] = btf.findAllByName('flow_key', 'struct');
      const [valueTypeId] = btf.findAllByName('flow_stats', 'struct');
      const parts = await renderApp(async ({ engine }) => {
        const h = await engine.createMap({
          type: 'hash',
          name: 'flows',
          keySize: 16,
          valueSize: 48,
          maxEntries: 1024,
          flags: [],
          btf: { data, keyTypeId: keyTypeId!, valueTypeId: valueTypeId! },
        });
        const key = Uint8Array.of(10, 0, 0, 28, 10, 0, 1, 7, 0x01, 0xbb, 0xc9, 0x3a, 6, 0, 0, 0);
        const value = new Uint8Array(48);
        const dv = new DataView(value.buffer);
        const now = (engine as unknown as EmulatedEngine).clock();
        dv.setBigUint64(0, 1840n, true);
        dv.setBigUint64(8, 2_171_200n, true);
        dv.setBigUint64(16, now - 2_500_000_000n, true);
        value.set([0x02, 0x42, 0xac, 0x11, 0x00, 0x0a], 24);
        value.set(new TextEncoder().encode('eth0'), 30);
        dv.setUint32(40, 1 | 4, true);
        dv.setUint32(44, 2, true);
        await engine.mapUpdate(h.handle, key, value, 'any');
        (engine as unknown as EmulatedEngine).clock = () => now;
        await engine.mkdir('obj');
        await engine.pin(h.handle, 'obj/flows');
        await engine.close(h.handle);
      });
      await act(() => parts.store.getState().select('obj/flows'));
      await waitFor(() => expect(bodyRows()).toHaveLength(1));
      const row = bodyRows()[0]!;
      expect(cellOf(row, 'key:(flow)')).toHaveTextContent('10.0.0.28:443 → 10.0.1.7:51514 tcp');
      expect(cellOf(row, 'value:bytes')).toHaveTextContent('2.07 MiB');
      expect(cellOf(row, 'value:last_seen')).toHaveTextContent('2 s ago');
      expect(cellOf(row, 'value:src_mac')).toHaveTextContent('02:42:ac:11:00:0a');
      expect(cellOf(row, 'value:ifname')).toHaveTextContent('eth0');
      expect(cellOf(row, 'value:flags')).toHaveTextContent('FLOW_SEEN_SYN|FLOW_REPLIED');
      // The members of the flow, one click away: dotted quads and host-order ports.
      await parts.user.click(screen.getByRole('button', { name: /^Columns/ }));
      for (const name of ['saddr', 'daddr', 'sport', 'dport', 'proto'])
        await parts.user.click(screen.getByRole('checkbox', { name: `key.${name}` }));
      expect(['saddr', 'daddr', 'sport', 'dport', 'proto'].map((n) => cellText(bodyRows()[0]!, `key:${n}`))).toEqual([
        '10.0.0.28',
        '10.0.1.7',
        '443',
        '51514',
        'tcp',
      ]);
    },
  );

  it('changes a column from its header (format, byte order, hidden, width) and remembers it per map name', async () => {
    const first = await demoAt('tc/globals/cilium_ct4_global');
    const { user } = first;
    await user.click(screen.getByRole('button', { name: 'ifindex column options' }));
    const menu = screen.getByRole('dialog', { name: 'Column ifindex' });
    await user.selectOptions(within(menu).getByRole('combobox', { name: 'Format' }), 'hex');
    await waitFor(() => expect(columnTexts('value:ifindex')[0]).toBe('0x2'));
    await user.selectOptions(
      within(screen.getByRole('dialog', { name: 'Column ifindex' })).getByRole('combobox', { name: 'Byte order' }),
      'be',
    );
    await waitFor(() => expect(columnTexts('value:ifindex')[0]).toBe('0x2000000'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Column ifindex' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'tcp_flags column options' }));
    await user.click(screen.getByRole('button', { name: 'Hide column' }));
    expect(headerLabels()).not.toContain('tcp_flags');
    const resize = screen.getByRole('separator', { name: 'Resize packets' });
    const before = Number(resize.getAttribute('aria-valuenow'));
    resize.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('separator', { name: 'Resize packets' })).toHaveAttribute(
      'aria-valuenow',
      String(before + 32),
    );
    expect(JSON.parse(localStorage.getItem('bpfscope.columns:emulated:/sys/fs/bpf|cilium_ct4_glob')!)).toMatchObject({
      formats: { 'value:ifindex': { format: 'hex', endian: 'be' } },
      hidden: { 'value:tcp_flags': true },
      widths: { 'value:packets': before + 32 },
    });

    // A new store (a restart) on a new engine: the same map name gets the same columns.
    first.view.unmount();
    first.store.getState().dispose();
    const second = await demoAt('tc/globals/cilium_ct4_global');
    expect(columnTexts('value:ifindex')[0]).toBe('0x2000000');
    expect(headerLabels()).not.toContain('tcp_flags');
    expect(screen.getByRole('separator', { name: 'Resize packets' })).toHaveAttribute(
      'aria-valuenow',
      String(before + 32),
    );
    await second.user.click(screen.getByRole('button', { name: 'ifindex column options' }));
    await second.user.click(screen.getByRole('button', { name: 'Back to inferred' }));
    await waitFor(() => expect(columnTexts('value:ifindex')[0]).toBe('2'));
    await second.user.click(screen.getByRole('button', { name: /^Columns/ }));
    await second.user.click(screen.getByRole('checkbox', { name: 'value.tcp_flags' }));
    expect(headerLabels()).toContain('tcp_flags');
  });

  it('moves a column left and right from its menu, and keeps the order across a restart', async () => {
    const first = await demoAt('tc/globals/cilium_ct4_global');
    const { user } = first;
    const before = headerLabels();
    const at = before.indexOf('bytes');
    expect(at).toBeGreaterThan(0);
    const left = before[at - 1]!;
    await user.click(screen.getByRole('button', { name: 'bytes column options' }));
    await user.click(screen.getByRole('button', { name: /Move left/ }));
    const after = headerLabels();
    expect(after.indexOf('bytes')).toBe(at - 1);
    expect(after.indexOf(left)).toBe(at);
    // The cells follow their header.
    expect(columnTexts('value:bytes').length).toBeGreaterThan(0);
    first.view.unmount();
    first.store.getState().dispose();
    const second = await demoAt('tc/globals/cilium_ct4_global');
    expect(headerLabels()).toEqual(after);
    await second.user.click(screen.getByRole('button', { name: 'bytes column options' }));
    await second.user.click(screen.getByRole('button', { name: /Move right/ }));
    expect(headerLabels()).toEqual(before);
    // At the left edge the menu cannot move the first column further.
    await second.user.keyboard('{Escape}');
    const firstLabel = headerLabels()[0]!;
    await second.user.click(screen.getByRole('button', { name: `${firstLabel} column options` }));
    expect(screen.getByRole('button', { name: /Move left/ })).toBeDisabled();
  });
});
