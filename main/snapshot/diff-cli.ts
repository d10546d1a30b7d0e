// `bpfscope snapshot-diff OLD NEW|--live` and `bpfscope snapshot-dump FILE PATH`: diffs and map exports from the CLI.
import { bytesToHex } from '../../shared/bpf/hex.js';
import type { SnapshotDiff } from '../../shared/snapshot.js';

import { openHost } from '../host-connection/open-host.js';
import { UsageError } from '../options.js';
import { captureSnapshot } from './capture.js';
import { diffSnapshots } from './diff.js';
import { readSnapshotFile, snapshotLabel } from './open.js';
import { splitEngineOptions } from './options.js';
import { objectKey, readSnapshot, type Snapshot } from './reader.js';

export async function runSnapshotDiff(argv: readonly string[], cliPath: string): Promise<void> {
  const { app, rest } = splitEngineOptions(argv);
  const json = rest.includes('--json');
  const live = rest.includes('--live');
  const files = rest.filter((a) => a !== '--json' && a !== '--live');
  for (const f of files) if (f.startsWith('-')) throw new UsageError(`unknown option ${f}`);
  if (files.length !== (live ? 1 : 2)) throw new UsageError('give two snapshot files, or one and --live');
  const a = await readSnapshotFile(files[0]!);
  let b: Snapshot;
  let toLabel: string;
  if (live) {
    const host = await openHost(app, { agent: { cliPath }, log: (l) => process.stderr.write(`agent: ${l}\n`) });
    try {
      b = await readSnapshot(await captureSnapshot(host, { maps: 'all' }), 'the live host');
    } finally {
      await host.dispose();
    }
    toLabel = `${b.meta.host} (live)`;
  } else {
    b = await readSnapshotFile(files[1]!);
    toLabel = snapshotLabel(b.meta);
  }
  const diff = diffSnapshots(a, b, { from: snapshotLabel(a.meta), to: toLabel });
  process.stdout.write(json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff));
}

/** The diff as lines a person reads: one per change, counts per map. */
export function formatDiff(d: SnapshotDiff): string {
  const lines = [`--- ${d.from}`, `+++ ${d.to}`];
  const obj = (o: { kind: string; id: number; name?: string }) => `${o.kind} ${o.id}${o.name ? ` ${o.name}` : ''}`;
  for (const p of d.pins.added) lines.push(`+ ${p.path} (${p.object ? obj(p.object) : p.kind})`);
  for (const p of d.pins.removed) lines.push(`- ${p.path} (${p.object ? obj(p.object) : p.kind})`);
  for (const m of d.pins.moved) lines.push(`> ${m.from} -> ${m.to} (${obj(m.object)})`);
  for (const r of d.pins.replaced) {
    const tags = r.from.tag !== undefined ? `, tag ${r.from.tag} -> ${r.to.tag ?? '?'}` : '';
    lines.push(`~ ${r.path}: ${obj(r.from)} replaced by ${obj(r.to)}${tags}`);
  }
  for (const c of d.pins.changed)
    lines.push(`~ ${c.path}: ${c.fields.map((f) => `${f.field} ${String(f.from)} -> ${String(f.to)}`).join(', ')}`);
  for (const o of d.objects)
    lines.push(
      `~ ${obj(o)}: ${o.fields.map((f) => `${f.field} ${JSON.stringify(f.from)} -> ${JSON.stringify(f.to)}`).join(', ')}`,
    );
  for (const m of d.maps) {
    if (m.incomplete) lines.push(`? ${m.path}: not compared (${m.incomplete})`);
    else lines.push(`~ ${m.path}: ${m.added} added, ${m.removed} removed, ${m.changed} changed`);
  }
  if (lines.length === 2) lines.push('no changes');
  return `${lines.join('\n')}\n`;
}

export async function runSnapshotDump(argv: readonly string[]): Promise<void> {
  const format = argv.includes('--csv') ? 'csv' : 'json';
  const args = argv.filter((a) => a !== '--json' && a !== '--csv');
  for (const a of args) if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
  if (args.length !== 2) throw new UsageError('give a snapshot file and the pin path of a map');
  const snap = await readSnapshotFile(args[0]!);
  process.stdout.write(dumpMap(snap, args[1]!, format));
}

/** One map's captured entries as JSON ([{key, value}] or per-CPU [{key, values}]) or CSV, keys and values in hex. */
export function dumpMap(snap: Snapshot, path: string, format: 'json' | 'csv'): string {
  const clean = path.replace(/^\/+|\/+$/g, '');
  const node = snap.nodes.find((n) => n.path === clean);
  if (!node) throw new UsageError(`${path} is not in the snapshot`);
  if (node.kind !== 'map' || !node.object) throw new UsageError(`${path} is a ${node.kind}, not a map`);
  const o = snap.objects.get(objectKey('map', node.object.id));
  if (o?.entries?.state !== 'complete' && o?.entries?.state !== 'truncated')
    throw new UsageError(`the snapshot holds no entries of ${path} (${o?.entries?.state ?? 'not captured'})`);
  const e = snap.entries.get(node.object.id);
  const rows: { key: string; values: string[] }[] = [];
  const slots = Math.max(e?.cpus ?? 0, 1);
  for (let i = 0; e && i < e.count; i++) {
    const key = bytesToHex(e.keys.subarray(i * e.keySize, (i + 1) * e.keySize));
    const v = e.values.subarray(i * e.valueSize, (i + 1) * e.valueSize);
    const slot = e.valueSize / slots;
    const size = e.cpus > 0 && o.info.kind === 'map' ? o.info.valueSize : e.valueSize;
    rows.push({
      key,
      values: Array.from({ length: slots }, (_, c) => bytesToHex(v.subarray(c * slot, c * slot + size))),
    });
  }
  const perCpu = (e?.cpus ?? 0) > 0;
  if (format === 'json') {
    const out = rows.map((r) => (perCpu ? { key: r.key, values: r.values } : { key: r.key, value: r.values[0] }));
    return `${JSON.stringify(out, null, 1)}\n`;
  }
  const head = perCpu ? ['key', ...Array.from({ length: slots }, (_, c) => `cpu${c}`)] : ['key', 'value'];
  return `${[head.join(','), ...rows.map((r) => [r.key, ...r.values].join(','))].join('\n')}\n`;
}
