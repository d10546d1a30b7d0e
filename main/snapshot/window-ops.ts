// The window's snapshot operations: capture a host of the list (progress as events, cancel by id), open an uploaded
// .bpfsnap as one more host (read-only, the emulated engine), and diff two hosts of the list, snapshots or live.
import { BpfError } from '../../shared/errors.js';
import type { HostEvent, HostRequest, HostSpec } from '../../shared/hosts.js';
import { type CaptureProgress, parseMapsOption } from '../../shared/snapshot.js';
import { MAX_UPLOAD_BYTES, type SnapshotResponses } from '../../shared/snapshot-ops.js';

import type { HostRegistry } from '../hosts/registry.js';
import { captureSnapshot } from './capture.js';
import { openSnapshotBytes, snapshotLabel } from './open.js';
import { readSnapshot, type Snapshot } from './reader.js';
import { snapshotDiffView } from './window-diff.js';

/** Progress events at most this often per capture, besides every change of phase. */
const PROGRESS_EVERY_MS = 100;

export interface SnapshotOps {
  capture(req: HostRequest<'snapshotCapture'>): Promise<SnapshotResponses['snapshotCapture']>;
  cancel(req: HostRequest<'snapshotCancel'>): SnapshotResponses['snapshotCancel'];
  upload(req: HostRequest<'snapshotUpload'>): SnapshotResponses['snapshotUpload'];
  open(req: HostRequest<'snapshotOpen'>): Promise<SnapshotResponses['snapshotOpen']>;
  diff(req: HostRequest<'snapshotDiff'>): Promise<SnapshotResponses['snapshotDiff']>;
  subscribe(listener: (event: HostEvent) => void): () => void;
}

/** "web-7-2026-12-07T00-41-05Z.bpfsnap": a file name from the host's label and the capture time. */
export function captureFileName(label: string, at: number): string {
  const host = label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
  const time = new Date(at)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return `${host}-${time}.bpfsnap`;
}

export function snapshotOps(registry: HostRegistry): SnapshotOps {
  const listeners = new Set<(event: HostEvent) => void>();
  const running = new Map<string, AbortController>();
  const uploads = new Map<string, Uint8Array[]>();
  /** The capture behind each snapshot host, for diffs. */
  const opened = new Map<string, Snapshot>();
  let serial = 0;
  registry.subscribe((e) => {
    if (e.type !== 'hosts-changed') return;
    const known = new Set(e.listing.hosts.map((h) => h.id));
    for (const id of opened.keys()) if (!known.has(id)) opened.delete(id);
  });

  const emit = (event: HostEvent) => {
    for (const l of listeners) l(event);
  };

  const entryOf = (id: string) => {
    const h = registry.listing().hosts.find((x) => x.id === id);
    if (!h) throw new BpfError('ENOENT', `There is no host ${id} in the list.`);
    return h;
  };

  /** Captures a host of the list into bytes, reporting progress under `capture`. */
  const captureHost = async (id: string, capture: string | undefined, opts: Parameters<typeof captureSnapshot>[1]) => {
    const h = entryOf(id);
    const port = registry.link(id);
    if (!port || h.state.state !== 'connected') {
      throw new BpfError('ENOTCONN', `${h.label} is not connected.`, { hint: 'Connect it first, then capture.' });
    }
    if (capture !== undefined && running.has(capture)) throw new BpfError('EBUSY', 'That capture is running already.');
    const stop = new AbortController();
    if (capture !== undefined) running.set(capture, stop);
    let last = 0;
    let phase = '';
    const onProgress = (progress: CaptureProgress) => {
      const now = Date.now();
      if (capture === undefined || (progress.phase === phase && now - last < PROGRESS_EVERY_MS)) return;
      last = now;
      phase = progress.phase;
      emit({ type: 'snapshot-progress', capture, progress });
    };
    try {
      // This computer is named by its host name (the file's default); a remote host by its entry in the list.
      const hostName = h.spec.kind === 'local' ? undefined : h.label;
      return await captureSnapshot(port, {
        ...opts,
        signal: stop.signal,
        onProgress,
        ...(hostName ? { hostName } : {}),
      });
    } finally {
      if (capture !== undefined) running.delete(capture);
    }
  };

  /** A host as a capture: a snapshot's own, or a live host captured now with the maps the other side holds. */
  const snapshotOf = async (id: string, capture: string | undefined, like?: Snapshot) => {
    const known = opened.get(id);
    if (known) return { snap: known, label: snapshotLabel(known.meta) };
    const h = entryOf(id);
    const maps = like ? parseMapsOption(like.meta.maps) : 'all';
    const max = like?.meta.maxEntries;
    const bytes = await captureHost(id, capture, { maps, ...(max !== undefined ? { maxEntries: max } : {}) });
    return { snap: await readSnapshot(bytes, h.label), label: `${h.label} (live)` };
  };

  return {
    capture: async ({ host, capture, maps, maxEntries }) => {
      const at = Date.now();
      const bytes = await captureHost(host, capture, {
        maps,
        ...(maxEntries !== undefined ? { maxEntries } : {}),
        now: () => at,
      });
      return { name: captureFileName(entryOf(host).label, at), bytes };
    },
    cancel: ({ capture }) => {
      running.get(capture)?.abort();
      return {};
    },
    upload: ({ upload, part }) => {
      const parts = uploads.get(upload) ?? [];
      const received = parts.reduce((n, p) => n + p.length, 0) + part.length;
      if (received > MAX_UPLOAD_BYTES) {
        uploads.delete(upload);
        throw new BpfError('E2BIG', 'The file is larger than the 2 GiB a window may upload.', {
          hint: 'Open it with `bpfscope serve --snapshot FILE` instead.',
        });
      }
      parts.push(part);
      uploads.set(upload, parts);
      return { received };
    },
    open: async ({ upload, name }) => {
      const parts = uploads.get(upload) ?? [];
      uploads.delete(upload);
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p, at);
        at += p.length;
      }
      // Opened once here, so that a bad file is refused before it joins the list.
      const first = await openSnapshotBytes(bytes, name);
      let pending: typeof first | undefined = first;
      const spec: Extract<HostSpec, { kind: 'snapshot' }> = { kind: 'snapshot', serial: ++serial, file: name };
      const label = snapshotLabel(first.snapshot.meta);
      const entry = await registry.addSnapshot(spec, label, async () => {
        const host = pending ?? (await openSnapshotBytes(bytes, name));
        pending = undefined;
        return host;
      });
      opened.set(entry.id, first.snapshot);
      return { id: entry.id, label, warnings: first.warnings };
    },
    diff: async ({ from, to, capture }) => {
      const a = await snapshotOf(from, capture, opened.get(to));
      const b = await snapshotOf(to, capture, a.snap);
      return snapshotDiffView(a.snap, b.snap, { from: a.label, to: b.label });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
