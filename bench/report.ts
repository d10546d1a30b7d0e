// Prints the figures side by side as a table, and the whole result as one JSON line.
import type { AgentFigure } from './measure-agent.js';
import type { BigArrayFigure } from './measure-bigarray.js';
import type { DumpFigure } from './measure-dump.js';
import type { ListFigure } from './measure-list.js';
import type { MmapFigure } from './measure-mmap.js';
import type { PinFigure } from './measure-pins.js';
import type { SnapshotFigure } from './measure-snapshot.js';
import type { SshFigure } from './measure-ssh.js';
import { REFRESH_WINDOW_S, type UiFigure } from './measure-ui.js';
import type { WalkFigure } from './measure-walk.js';

export interface BenchResult {
  /** loadavg: the 1-minute load when the run started; other work on the machine skews every figure. */
  host: { kernel: string; cpus: number; node: string; root: boolean; loadavg: number };
  pins: PinFigure | null;
  list: ListFigure | null;
  /** The full walk of a 100k-pin tree beside bpftool's pin table. */
  walk: WalkFigure | null;
  dump: DumpFigure | null;
  /** The 100k-entry per-CPU array read. */
  dumpPercpu: DumpFigure | null;
  /** The 1M-entry hash read as the UI does it, through the agent pipe and in process. */
  agent: AgentFigure | null;
  /** The same read and the first rows over a loopback ssh host, beside the local agent. */
  ssh: SshFigure | null;
  /** Capturing a snapshot of a bpffs with a 1M-entry hash vs the batch read of that map. */
  snapshot: SnapshotFigure | null;
  /** The entries view in Chromium on the 1M-entry hash. */
  ui: UiFigure | null;
  /** Creating a 50M-entry array map in each engine. */
  bigArray: BigArrayFigure | null;
  /** A 1M-entry array read through mmap (BPF_F_MMAPABLE) beside batch lookups. */
  mmap: MmapFigure | null;
  /** Figures not measured, and why. */
  skipped: string[];
  /** Figures that failed (a wrong result is an error, not a figure). */
  errors: string[];
}

const show = (v: number | null, digits = 3): string => {
  if (v === null) return '-';
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(digits);
};
const times = (v: number | null): string => (v === null ? '-' : `${v.toFixed(2)}x`);
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '))
    .join('\n');
}

export function formatTable(r: BenchResult): string {
  const out: string[] = [
    `bpfscope bench: Linux ${r.host.kernel}, ${r.host.cpus} CPUs, node ${r.host.node}, load ${r.host.loadavg.toFixed(2)}, best of 3`,
    '',
  ];
  out.push(
    table([
      ['engines', 'native', 'emulated', 'native/emulated'],
      [
        `pin+get+close+unlink, ops/s (${show(r.pins?.rounds ?? null)} rounds)`,
        show(r.pins?.native_ops_s ?? null),
        show(r.pins?.emulated_ops_s ?? null),
        times(r.pins?.native_vs_emulated ?? null),
      ],
      [
        `list ${show(r.list?.pins ?? null)} pins in ${show(r.list?.dirs ?? null)} dirs, s`,
        show(r.list?.native_s ?? null),
        show(r.list?.emulated_s ?? null),
        times(r.list?.native_vs_emulated ?? null),
      ],
      [
        '  (building that tree once, s)',
        show(r.list?.native_setup_s ?? null),
        show(r.list?.emulated_setup_s ?? null),
        '',
      ],
    ]),
  );
  out.push('', ...walkTable(r.walk), '');
  for (const [d, what] of [
    [r.dump, 'hash map'],
    [r.dumpPercpu, 'per-CPU array'],
  ] as const) {
    out.push(
      table([
        [`full read of a ${show(d?.entries ?? null)}-entry ${what}`, 'seconds', 'time / bpfscope'],
        ['bpfscope native mapReadPacked', show(d?.bpfscope_s ?? null), d?.bpfscope_s == null ? '-' : '1.00x'],
        ['bpftool -j map dump (whole process)', show(d?.bpftool_s ?? null), times(d?.bpftool_vs_bpfscope ?? null)],
        [
          'bpf-ref LOOKUP_BATCH (libbpf, C)',
          show(d?.ref_batch_s ?? null),
          times(d && d.ref_batch_s !== null && d.bpfscope_s !== null ? d.ref_batch_s / d.bpfscope_s : null),
        ],
        [
          'bpf-ref get_next_key + lookup (C)',
          show(d?.ref_elem_s ?? null),
          times(d && d.ref_elem_s !== null && d.bpfscope_s !== null ? d.ref_elem_s / d.bpfscope_s : null),
        ],
      ]),
    );
    out.push(
      `ratios: bpftool/bpfscope ${times(d?.bpftool_vs_bpfscope ?? null)}, bpfscope/ref_batch ${times(d?.bpfscope_vs_ref_batch ?? null)}`,
      '',
    );
  }
  out.push(...mmapTable(r.mmap), '');
  out.push(...agentTable(r.agent), '');
  out.push(...sshTable(r.ssh), '');
  out.push(...uiTable(r.ui), '');
  out.push(...bigArrayTable(r.bigArray), '');
  out.push(
    table([
      [`snapshot of a ${show(r.snapshot?.entries ?? null)}-entry hash`, 'seconds', 'time / batch read'],
      [
        'native batch read (mapReadPacked)',
        show(r.snapshot?.batch_read_s ?? null),
        r.snapshot?.batch_read_s == null ? '-' : '1.00x',
      ],
      [
        `bpfscope snapshot (${show(r.snapshot?.file_mb ?? null, 1)} MB file)`,
        show(r.snapshot?.capture_s ?? null),
        times(r.snapshot?.capture_vs_batch_read ?? null),
      ],
    ]),
    '',
  );
  out.push(...targetsTable(r), '');
  for (const s of r.skipped) out.push(`skipped: ${s}`);
  for (const e of r.errors) out.push(`ERROR: ${e}`);
  return out.join('\n');
}

function walkTable(w: WalkFigure | null): string[] {
  const vsTool = (v: number | null): string => times(ratio(v, w?.bpftool_s ?? null));
  return [
    table([
      [`full walk of ${show(w?.pins ?? null)} pins in ${show(w?.dirs ?? null)} folders`, 'seconds', 'time / bpftool'],
      ['bpfscope native, every folder listed', show(w?.native_s ?? null), times(w?.native_vs_bpftool ?? null)],
      ['  (first walk of a fresh engine)', show(w?.native_first_s ?? null), times(w?.native_first_vs_bpftool ?? null)],
      ['bpftool -j map show -f (pin table)', show(w?.bpftool_s ?? null), w?.bpftool_s == null ? '-' : '1.00x'],
      ['ls -lR', show(w?.ls_s ?? null), vsTool(w?.ls_s ?? null)],
    ]),
  ];
}

function bigArrayTable(b: BigArrayFigure | null): string[] {
  const mib = (v: number | null): string => (v === null ? '-' : (v / 2 ** 20).toFixed(1));
  return [
    table([
      [`creating a ${show(b?.entries ?? null)}-entry array map (u32 -> u64)`, 'native', 'emulated'],
      ['seconds', show(b?.native_create_s ?? null), show(b?.emulated_create_s ?? null)],
      ['MiB held (native: fdinfo memlock)', mib(b?.native_bytes ?? null), mib(b?.emulated_bytes ?? null)],
    ]),
    `ratio: emulated/native memory ${times(b?.memory_ratio ?? null)} (target under 2x, creation under 2 s)`,
  ];
}

function mmapTable(m: MmapFigure | null): string[] {
  return [
    table([
      [`full read of a ${show(m?.entries ?? null)}-entry array (u32 -> u64), native`, 'seconds'],
      ['BPF_F_MMAPABLE: through mmap', show(m?.mmap_read_s ?? null)],
      ['without it: LOOKUP_BATCH', show(m?.batch_read_s ?? null)],
    ]),
    `ratio: batch/mmap ${times(m?.batch_vs_mmap ?? null)}`,
  ];
}

function agentTable(a: AgentFigure | null): string[] {
  return [
    table([
      [`full read of a ${show(a?.entries ?? null)}-entry hash as the UI does it (view, every window)`, 'seconds'],
      ['in process (createHost)', show(a?.in_process_s ?? null)],
      ['through the agent pipe (bpfscope agent --stdio)', show(a?.agent_s ?? null)],
    ]),
    `ratio: agent/in process ${times(a?.agent_vs_in_process ?? null)}`,
  ];
}

function sshTable(s: SshFigure | null): string[] {
  return [
    table([
      [`${show(s?.entries ?? null)}-entry hash over a loopback ssh host`, 'full read, s', 'first rows, ms'],
      ['this computer (agent pipe)', show(s?.local_s ?? null), show(s?.local_first_rows_ms ?? null, 0)],
      ['ssh host (shipped agent, root via sudo)', show(s?.ssh_s ?? null), show(s?.ssh_first_rows_ms ?? null, 0)],
    ]),
    `ratio: ssh/local ${times(s?.ssh_vs_local ?? null)}`,
  ];
}

function uiTable(ui: UiFigure | null): string[] {
  return [
    table([
      [`entries view of a ${show(ui?.entries ?? null)}-entry hash (Chromium, native)`, 'figure'],
      [
        `first rows painted after selecting it, ms (best of ${ui?.first_rows_tries_ms.length || '-'}: ${ui?.first_rows_tries_ms.join(', ') || '-'})`,
        show(ui?.first_rows_ms ?? null, 1),
      ],
      [
        `main + agent CPU refreshing every second, % of one core (${show(ui?.refreshes ?? null)} refreshes in ${REFRESH_WINDOW_S} s)`,
        show(ui?.refresh_cpu_pct ?? null, 1),
      ],
      ['  (main + agent CPU per refresh, ms)', show(ui?.refresh_cpu_ms_each ?? null, 1)],
      ['  (the same with a full scan every second, %)', show(ui?.full_refresh_cpu_pct ?? null, 1)],
      [
        `p95 frame time scrolling through every row, ms (${show(ui?.scroll_frames ?? null)} frames)`,
        show(ui?.scroll_p95_ms ?? null, 1),
      ],
      ['  (frames showing rows still on their way from main, %)', show(ui?.scroll_pending_pct ?? null, 1)],
    ]),
  ];
}

type Target = [what: string, value: number | null, shown: string, met: (v: number) => boolean, goal: string];

/** The figures with a target, each against it. */
export function targets(r: BenchResult): Target[] {
  const d = r.dump;
  return [
    [
      '1M hash full read: bpftool / bpfscope',
      d?.bpftool_vs_bpfscope ?? null,
      times(d?.bpftool_vs_bpfscope ?? null),
      (v) => v >= 6,
      '>= 6x (1/6 of bpftool)',
    ],
    [
      '1M hash full read: bpfscope / bpf-ref batch',
      d?.bpfscope_vs_ref_batch ?? null,
      times(d?.bpfscope_vs_ref_batch ?? null),
      (v) => v <= 1.5,
      '<= 1.50x',
    ],
    [
      'full walk of 100k pins: bpfscope / bpftool map show -f',
      r.walk?.native_vs_bpftool ?? null,
      times(r.walk?.native_vs_bpftool ?? null),
      (v) => v <= 1,
      '<= 1.00x',
    ],
    [
      '1M hash full read: agent pipe / in process',
      r.agent?.agent_vs_in_process ?? null,
      times(r.agent?.agent_vs_in_process ?? null),
      (v) => v <= 1.15,
      '<= 1.15x',
    ],
    [
      '1M hash full read: loopback ssh / local',
      r.ssh?.ssh_vs_local ?? null,
      times(r.ssh?.ssh_vs_local ?? null),
      (v) => v <= 1.3,
      '<= 1.30x',
    ],
    [
      'first rows over loopback ssh, ms',
      r.ssh?.ssh_first_rows_ms ?? null,
      show(r.ssh?.ssh_first_rows_ms ?? null, 0),
      (v) => v <= 300,
      '<= 300',
    ],
    [
      '1M hash snapshot capture / batch read',
      r.snapshot?.capture_vs_batch_read ?? null,
      times(r.snapshot?.capture_vs_batch_read ?? null),
      (v) => v <= 2,
      '<= 2.00x',
    ],
    [
      'first rows painted, ms',
      r.ui?.first_rows_ms ?? null,
      show(r.ui?.first_rows_ms ?? null, 1),
      (v) => v <= 300,
      '<= 300',
    ],
    [
      'refresh every second, main CPU % of one core',
      r.ui?.refresh_cpu_pct ?? null,
      show(r.ui?.refresh_cpu_pct ?? null, 1),
      (v) => v <= 10,
      '<= 10',
    ],
    [
      'scrolling p95 frame time, ms',
      r.ui?.scroll_p95_ms ?? null,
      show(r.ui?.scroll_p95_ms ?? null, 1),
      (v) => v <= 33,
      '<= 33',
    ],
    [
      '50M-entry array created by the emulator, s',
      r.bigArray?.emulated_create_s ?? null,
      show(r.bigArray?.emulated_create_s ?? null),
      (v) => v < 2,
      '< 2',
    ],
    [
      '50M-entry array memory: emulated / kernel',
      r.bigArray?.memory_ratio ?? null,
      times(r.bigArray?.memory_ratio ?? null),
      (v) => v < 2,
      '< 2.00x',
    ],
  ];
}

function targetsTable(r: BenchResult): string[] {
  const rows = targets(r).map(([what, value, shown, met, goal]) => [
    what,
    shown,
    goal,
    value === null ? 'not measured' : met(value) ? 'met' : 'NOT MET',
  ]);
  return [table([['figure', 'measured', 'target', 'status'], ...rows])];
}

const dumpKeys = (d: DumpFigure | null) => ({
  bpfscope_s: d?.bpfscope_s ?? null,
  bpftool_s: d?.bpftool_s ?? null,
  ref_batch_s: d?.ref_batch_s ?? null,
  ref_elem_s: d?.ref_elem_s ?? null,
});

/** The whole result, plus the issue-4 keys at top level. */
export function formatJson(r: BenchResult): string {
  return JSON.stringify({
    ...r,
    dump_hash_1m: dumpKeys(r.dump),
    dump_percpu_array_100k: dumpKeys(r.dumpPercpu),
    walk_100k_pins: {
      native_s: r.walk?.native_s ?? null,
      bpftool_s: r.walk?.bpftool_s ?? null,
      native_vs_bpftool: r.walk?.native_vs_bpftool ?? null,
    },
    agent_read_1m: {
      in_process_s: r.agent?.in_process_s ?? null,
      agent_s: r.agent?.agent_s ?? null,
      agent_vs_in_process: r.agent?.agent_vs_in_process ?? null,
    },
    snapshot_capture_1m: {
      batch_read_s: r.snapshot?.batch_read_s ?? null,
      capture_s: r.snapshot?.capture_s ?? null,
      capture_vs_batch_read: r.snapshot?.capture_vs_batch_read ?? null,
    },
    first_rows_ms: r.ui?.first_rows_ms ?? null,
    refresh_cpu_pct: r.ui?.refresh_cpu_pct ?? null,
    full_refresh_cpu_pct: r.ui?.full_refresh_cpu_pct ?? null,
    scroll_p95_ms: r.ui?.scroll_p95_ms ?? null,
  });
}
