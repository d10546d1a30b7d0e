// Figure 4: the live entries view of a 1M-entry hash in Chromium, browser mode, native engine:
// first rows painted after selecting the map, main's CPU while it refreshes every second (the rows on screen each
// second, the whole map at the default full-scan cadence; then, for comparison, the whole map every second), and
// frame times while scrolling through every row.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Browser, Page } from 'playwright-core';

import { CHROMIUM_PATH, launchChromium } from '../e2e/support/browser.js';
import { DUMP_ENTRIES } from './measure-dump.js';
import { type BenchServe, buildApp, startServe, treeCpuSeconds } from './serve.js';
import { progress, REPEAT } from './timing.js';
import { buildBpfRef, repoRoot, runTool } from './tools.js';
import { DATA_ROW, firstRowsScript, scrollScript } from './ui-scripts.js';

const MAP = 'live_hash_1m';
/** A directory to select between tries, so that no entries table is on screen before each click. */
const ASIDE = 'aside';
export const REFRESH_WINDOW_S = 15;
const SCROLL_MS = 5000;

export interface UiFigure {
  entries: number;
  first_rows_ms: number | null;
  first_rows_tries_ms: number[];
  refresh_cpu_pct: number | null;
  /** Complete refreshes main announced during the CPU window. */
  refreshes: number;
  /** Main's CPU per refresh (read, diff, windows served), ms: the cost at any other interval. */
  refresh_cpu_ms_each: number | null;
  /** The same with a full scan every second (every row re-read at each refresh). */
  full_refresh_cpu_pct: number | null;
  scroll_p95_ms: number | null;
  scroll_frames: number;
  /** Frames during the scroll that showed placeholder rows (rows not yet served by main), in %. */
  scroll_pending_pct: number | null;
  skipped: string[];
  errors: string[];
}

/** The value at quantile q (0..1) of `xs`, nearest rank. */
export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Why the UI figures cannot be taken on this machine, or null. */
function cannotMeasure(): string | null {
  if (!existsSync(CHROMIUM_PATH))
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(path.join(repoRoot, 'renderer/entries/EntriesTable.tsx')))
    return 'the entries view (renderer/entries/) is not there yet';
  return null;
}

export async function measureUi(bpffs: string | null): Promise<UiFigure> {
  const fig: UiFigure = {
    entries: DUMP_ENTRIES,
    first_rows_ms: null,
    first_rows_tries_ms: [],
    refresh_cpu_pct: null,
    refreshes: 0,
    refresh_cpu_ms_each: null,
    full_refresh_cpu_pct: null,
    scroll_p95_ms: null,
    scroll_frames: 0,
    scroll_pending_pct: null,
    skipped: [],
    errors: [],
  };
  if (bpffs === null) return fig; // run.ts has already said why there is no private bpffs
  const skip = (why: string): UiFigure => {
    fig.skipped.push(`first_rows_ms, refresh_cpu_pct, scroll_p95_ms: ${why}`);
    return fig;
  };
  const why = cannotMeasure();
  if (why !== null) return skip(why);
  const ref = buildBpfRef();
  if ('skipped' in ref) return skip(`cannot fill the map: ${ref.skipped}`);
  progress('ui: building the app (node scripts/build.mjs)');
  const buildError = buildApp();
  if (buildError !== null) return skip(buildError);
  progress(`ui: filling ${DUMP_ENTRIES} entries with bpf-ref`);
  runTool(ref.binary, ['fill', path.join(bpffs, MAP), 'hash', String(DUMP_ENTRIES)]);
  mkdirSync(path.join(bpffs, ASIDE));

  let serve: BenchServe | undefined;
  let browser: Browser | undefined;
  try {
    serve = await startServe(['--engine', 'native', '--bpffs', bpffs]);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const updates = countCompleteUpdates(page);
    await page.goto(serve.url);
    await page.locator(`[role="treeitem"][data-path="${MAP}"]`).waitFor({ timeout: 30_000 });
    await measureFirstRows(page, fig);
    if (fig.first_rows_ms === null) return fig;
    await measureRefreshCpu(page, serve.pid, updates, fig);
    await measureScroll(page, fig);
  } catch (e) {
    fig.errors.push(`ui: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await browser?.close();
    await serve?.stop();
  }
  return fig;
}

/** Counts map-view-updated events with complete: true that reach the page (JSON text frames). */
function countCompleteUpdates(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (
        typeof f.payload === 'string' &&
        f.payload.includes('"map-view-updated"') &&
        f.payload.includes('"complete":true')
      )
        seen.count++;
    }),
  );
  return seen;
}

async function measureFirstRows(page: Page, fig: UiFigure): Promise<void> {
  for (let i = 0; i < REPEAT; i++) {
    progress(`ui: first rows, try ${i + 1} of ${REPEAT}`);
    await page.locator(`[role="treeitem"][data-path="${ASIDE}"]`).click();
    await page.locator(DATA_ROW).first().waitFor({ state: 'detached', timeout: 30_000 });
    try {
      fig.first_rows_tries_ms.push(round((await page.evaluate(firstRowsScript(MAP))) as number));
    } catch (e) {
      const table = await page.locator('[role="table"][aria-label="Map entries"]').count();
      if (table === 0)
        fig.skipped.push(
          `first_rows_ms, refresh_cpu_pct, scroll_p95_ms: selecting the map shows no entries table (${(e as Error).message})`,
        );
      else fig.errors.push(`first_rows_ms: ${(e as Error).message}`);
      return;
    }
  }
  fig.first_rows_ms = Math.min(...fig.first_rows_tries_ms);
}

async function measureRefreshCpu(page: Page, pid: number, updates: { count: number }, fig: UiFigure): Promise<void> {
  progress('ui: waiting for the first full read, then main CPU while refreshing every second');
  const count = page.getByLabel('Entry count');
  await count
    .filter({ hasText: `${DUMP_ENTRIES.toLocaleString('en-US')} / ` })
    .filter({ hasNotText: 'reading' })
    .waitFor({ timeout: 60_000 });
  const interval = await page.getByLabel('Refresh interval').inputValue();
  if (interval !== '1000') await page.getByLabel('Refresh interval').selectOption('1000');
  const scan = page.getByLabel('Full scan interval');
  const defaultScan = await scan.inputValue();
  const live = await cpuWhileRefreshing(pid, updates, fig, 'refresh_cpu_pct');
  if (live === null) return;
  fig.refreshes = live.refreshes;
  fig.refresh_cpu_pct = live.pct;
  fig.refresh_cpu_ms_each = round(live.cpuMs / live.refreshes);
  progress('ui: main CPU with a full scan every second, for comparison');
  await scan.selectOption('1000');
  fig.full_refresh_cpu_pct = (await cpuWhileRefreshing(pid, updates, fig, 'full_refresh_cpu_pct'))?.pct ?? null;
  await scan.selectOption(defaultScan);
}

/** serve and its agent together (the native engine reads in the agent), over REFRESH_WINDOW_S. */
async function cpuWhileRefreshing(
  pid: number,
  updates: { count: number },
  fig: UiFigure,
  name: string,
): Promise<{ pct: number; cpuMs: number; refreshes: number } | null> {
  const before = { cpu: treeCpuSeconds(pid), wall: performance.now(), updates: updates.count };
  await sleep(REFRESH_WINDOW_S * 1000);
  const cpu = treeCpuSeconds(pid) - before.cpu;
  const wall = (performance.now() - before.wall) / 1000;
  const refreshes = updates.count - before.updates;
  if (refreshes < REFRESH_WINDOW_S / 4) {
    fig.errors.push(
      `${name}: only ${refreshes} complete refreshes in ${REFRESH_WINDOW_S} s (expected about one a second)`,
    );
    return null;
  }
  return { pct: round((cpu / wall) * 100), cpuMs: cpu * 1000, refreshes };
}

async function measureScroll(page: Page, fig: UiFigure): Promise<void> {
  progress(`ui: scrolling through ${DUMP_ENTRIES} rows over ${SCROLL_MS / 1000} s`);
  const r = (await page.evaluate(scrollScript(SCROLL_MS))) as {
    intervals: number[];
    max: number;
    scrollTop: number;
    pendingFrames: number;
  };
  if (r.max <= 0 || r.scrollTop < r.max - 1) {
    fig.errors.push(`scroll_p95_ms: the entries view did not scroll (scrollTop ${r.scrollTop} of ${r.max})`);
    return;
  }
  // The last row must come: the scroll really went through the whole map.
  await page.locator(`[role="row"][aria-rowindex="${DUMP_ENTRIES + 1}"]:not(.pending)`).waitFor({ timeout: 30_000 });
  fig.scroll_frames = r.intervals.length;
  fig.scroll_pending_pct = r.intervals.length ? round((r.pendingFrames / r.intervals.length) * 100) : null;
  const p95 = quantile(r.intervals, 0.95);
  fig.scroll_p95_ms = p95 === null ? null : round(p95);
}
