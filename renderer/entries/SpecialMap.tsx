// Maps whose entries are not a plain table: ring buffers and perf event arrays (nothing to list, and why),
// queues and stacks (Peek), and fd arrays whose values are object ids (linked to their pins in the tree).
import { useEffect, useState } from 'react';

import { hexToBytes, spacedHex } from '../../shared/bpf/hex.js';
import type { MapInfo } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import { useAppStore } from '../store/context.js';
import type { Crumb } from './Breadcrumbs.js';
import type { RowView } from './decode-row.js';

const UNLISTED: Record<string, string> = {
  ringbuf:
    'A ring buffer has no keys: the BPF program reserves and submits records that a reader consumes through mmap, so there are no entries to list.',
  user_ringbuf:
    'A user ring buffer has no keys: user space produces records into it for the BPF program to drain; there are no entries to list.',
  perf_event_array:
    "A perf event array holds one perf event fd per CPU; records go to each perf event's buffer, not into the map, so there are no entries to list.",
  bloom_filter:
    'A bloom filter stores membership bits, not entries: it can only answer whether a value may be present.',
  struct_ops: 'A struct_ops map holds one kernel structure of function pointers; it has no entries to list.',
};

export type SpecialKind = 'unlisted' | 'peek' | 'prog-ids' | 'map-ids' | null;

export function specialKind(info: MapInfo): SpecialKind {
  if (UNLISTED[info.type]) return 'unlisted';
  if (info.type === 'queue' || info.type === 'stack') return 'peek';
  if (info.type === 'prog_array') return 'prog-ids';
  if (info.type === 'array_of_maps' || info.type === 'hash_of_maps') return 'map-ids';
  return null;
}

export function UnlistedMap({ info }: { info: MapInfo }) {
  return (
    <div className="special-map">
      <p className="note">{UNLISTED[info.type]}</p>
      <p>
        {info.type} “{info.name}”: max_entries {info.maxEntries}
        {info.type === 'ringbuf' ? ' bytes of ring' : ''}, id {info.id}.
      </p>
    </div>
  );
}

export function PeekMap({ path, info }: { path: string; info: MapInfo }) {
  const peekEntry = useAppStore((s) => s.peekEntry);
  const [result, setResult] = useState<string | null>(null);
  const peek = async (): Promise<void> => {
    try {
      const hex = await peekEntry(path);
      setResult(`Head: ${spacedHex(hexToBytes(hex) ?? new Uint8Array())}`);
    } catch (e) {
      setResult(
        isBpfError(e) && e.code === 'ENOENT'
          ? `The ${info.type} is empty (ENOENT).`
          : isBpfError(e)
            ? `${e.code}: ${e.message}`
            : String(e),
      );
    }
  };
  return (
    <div className="special-map">
      <p className="note">
        A {info.type} has no keys: only its {info.type === 'stack' ? 'top' : 'head'} can be read, without removing it.
      </p>
      <button type="button" onClick={() => void peek()}>
        Peek
      </button>
      {result && (
        <p role="status" className="peek-result">
          {result}
        </p>
      )}
    </div>
  );
}

/** The object id in a prog_array / map-in-map value: opens that program or inner map in place (by its pin when it
 * has one, else by id). */
export function IdLink({ kind, row, onOpen }: { kind: 'prog' | 'map'; row: RowView; onOpen(c: Crumb): void }) {
  const objects = useAppStore((s) => s.objects);
  const b = row.valueBytes;
  const id = ((b[0] ?? 0) | ((b[1] ?? 0) << 8) | ((b[2] ?? 0) << 16) | ((b[3] ?? 0) << 24)) >>> 0;
  const obj = objects.find((o) => o.kind === kind && o.id === id);
  const pin = obj?.pins[0];
  const name = obj?.name ?? '';
  return (
    <button
      type="button"
      className="link-button id-link"
      aria-label={`Open ${kind} ${id}${name ? ` ${name}` : ''}`}
      title={pin ? `Pinned at ${pin}` : 'Not pinned: opened by id'}
      onClick={(e) => {
        e.stopPropagation();
        onOpen({ kind, id, name, key: row.key.text, ...(pin === undefined ? {} : { pin }) });
      }}
    >
      {kind} {id}
      {name ? ` ${name}` : ''}
      {pin ? ` (${pin})` : ' (unpinned)'} ›
    </button>
  );
}

/** Keeps the object list fresh while ids are shown, so they can be linked to pins. */
export function useObjectList(active: boolean): void {
  const watch = useAppStore((s) => s.watchObjects);
  useEffect(() => (active ? watch(0) : undefined), [active, watch]);
}
