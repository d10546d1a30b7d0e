import { act, screen, within } from '@testing-library/react';
import type { InspectResult } from '../../shared/contract.js';
import type { MapInfo } from '../../shared/engine.js';
import { renderApp } from '../test-support/render-app.js';

const mapInfo = (over: Partial<MapInfo>): MapInfo => ({
  kind: 'map', id: 12, type: 'hash', typeId: 1, name: 'counts', keySize: 4, valueSize: 8, maxEntries: 16, flags: 1,
  flagNames: ['no_prealloc'], frozen: false, btfId: 0, btfKeyTypeId: 0, btfValueTypeId: 0, ifindex: 0, mapExtra: 0,
  possibleCpus: 2, ...over,
});

function details(info: MapInfo, extra: Partial<InspectResult>): InspectResult {
  return {
    entry: { name: 'm', path: 'm', kind: 'map', mode: 0o600, uid: 0, gid: 0, nlink: 1, object: { kind: 'map', id: info.id, type: info.type, name: info.name } },
    info, pins: ['m'], handles: [], ...extra,
  };
}

describe('details pane', () => {
  it('shows map info with flags by name, pins, and entries as hex and little-endian integers', async () => {
    const { store } = await renderApp();
    act(() => store.setState({
      selected: 'm',
      details: details(mapInfo({}), { dump: { entries: [{ key: '01000000', value: '2a00000000000000' }], truncated: false } }),
    }));
    const info = screen.getByRole('table', { name: 'Object' });
    expect(within(info).getByRole('row', { name: /Flags no_prealloc/ })).toBeInTheDocument();
    expect(within(info).getByRole('row', { name: /Key size 4 bytes/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Pins' })).toHaveTextContent('m');
    const entries = screen.getByRole('table', { name: 'Map entries' });
    expect(within(entries).getByText('01000000')).toBeInTheDocument();
    expect(within(entries).getByText('2a000000 00000000')).toBeInTheDocument();
    expect(within(entries).getByText('42')).toBeInTheDocument();
  });

  it('gives per-CPU values one column per CPU', async () => {
    const { store } = await renderApp();
    const info = mapInfo({ type: 'percpu_array', typeId: 6, valueSize: 4, flagNames: [], flags: 0 });
    act(() => store.setState({
      selected: 'm',
      details: details(info, { dump: { entries: [{ key: '00000000', value: '0700000000000000' + '0900000000000000' }], truncated: false } }),
    }));
    const entries = screen.getByRole('table', { name: 'Map entries' });
    expect(within(entries).getByRole('columnheader', { name: 'cpu0' })).toBeInTheDocument();
    expect(within(entries).getByRole('columnheader', { name: 'cpu1' })).toBeInTheDocument();
    expect(within(entries).getByText('7')).toBeInTheDocument();
    expect(within(entries).getByText('9')).toBeInTheDocument();
  });

  it('explains why a ringbuf cannot be listed', async () => {
    const { store } = await renderApp();
    act(() => store.setState({
      selected: 'm',
      details: details(mapInfo({ type: 'ringbuf', keySize: 0, valueSize: 0 }), {
        dumpError: { code: 'ENOTSUPP', errno: 524, message: 'ringbuf maps have no elements to iterate.' },
      }),
    }));
    expect(screen.getByText(/entries cannot be listed \(ENOTSUPP\)/i)).toBeInTheDocument();
  });
});
