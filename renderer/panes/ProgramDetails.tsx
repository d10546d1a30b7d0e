// A program's xlated disassembly in bpftool's syntax, with map references
// linked to the maps' pins, its counters, and the run statistics toggle with a live rate.
import { useEffect, useRef, useState } from 'react';

import { indexPrefix } from '../../shared/bpf/disasm.js';
import type { ProgDetails, ProgLine } from '../../shared/contract.js';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import { InfoTable } from './InfoTable.js';
import { displayName } from './object-name.js';
import { progRows, runRate } from './prog-rows.js';
import { selectPin } from './select-pin.js';

function InsnText({ line }: { line: ProgLine }) {
  const store = useAppStoreApi();
  const ref = line.mapRef;
  const m = ref ? /map\[id:\d+\]/.exec(line.text) : null;
  if (!ref || !m) return <>{line.text}</>;
  const pin = ref.pins[0];
  const label = ref.name ? `map[${ref.name}]` : m[0];
  const title = `map id ${ref.id}${pin ? `, pinned at ${pin}` : ', not pinned'}`;
  return (
    <>
      {line.text.slice(0, m.index)}
      {pin ? (
        <button type="button" className="link disasm-map" title={title} onClick={() => void selectPin(store, pin)}>
          {label}
        </button>
      ) : (
        <span className="disasm-map" title={title}>
          {label}
        </span>
      )}
      {line.text.slice(m.index + m[0].length)}
    </>
  );
}

/** A program by its pin, or by id (a prog_array slot's program, which may have no pin). */
type ProgramTarget = { path: string } | { id: number };

export function ProgramDetails(props: ProgramTarget & { pollMs?: number }) {
  const { pollMs = 1000 } = props;
  const path = 'path' in props ? props.path : null;
  const id = 'id' in props ? props.id : null;
  const store = useAppStoreApi();
  const statsOn = useAppStore((s) => s.statsToken !== null);
  const statsBusy = useAppStore((s) => s.statsBusy);
  const [details, setDetails] = useState<ProgDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rate, setRate] = useState<number | null>(null);
  const last = useRef<{ runCnt: number; at: number } | null>(null);

  useEffect(() => {
    let live = true;
    last.current = null;
    setRate(null);
    const load = async (): Promise<void> => {
      try {
        const d = await store.getState().progDetails(path ?? { id: id ?? 0 });
        if (!live) return;
        const now = Date.now();
        const prev = last.current;
        if (statsOn && prev && now > prev.at) setRate(((d.runCnt - prev.runCnt) * 1000) / (now - prev.at));
        last.current = { runCnt: d.runCnt, at: now };
        setDetails(d);
        setError(null);
      } catch (err) {
        if (live) setError(err instanceof Error ? err.message : String(err));
      }
    };
    void load();
    // Counters only move while statistics are on, so only then is the program polled.
    const timer = statsOn && pollMs > 0 ? setInterval(() => void load(), pollMs) : undefined;
    return () => {
      live = false;
      if (timer !== undefined) clearInterval(timer);
    };
  }, [store, path, id, statsOn, pollMs]);

  if (error) return <p className="details-error">Program details: {error}</p>;
  if (!details) return <p className="empty">Reading the program…</p>;
  return (
    <div className="details-block prog-details">
      <h3>Program</h3>
      <InfoTable label="Program details" rows={progRows(details)} />
      <label className="stats-toggle">
        <input
          type="checkbox"
          checked={statsOn}
          disabled={statsBusy}
          onChange={(e) => void store.getState().setStatsCollection(e.target.checked)}
        />
        Collect run statistics
      </label>
      {statsOn && (
        <p className="note" aria-label="Run rate">
          {runRate(rate)}
        </p>
      )}
      <h3>
        Instructions of {displayName(details.info) || 'the program'} (xlated, {details.lines.length} lines)
      </h3>
      {details.lines.length === 0 && (
        <p className="note">
          The kernel returned no instructions: reading them needs CAP_BPF or CAP_SYS_ADMIN (run bpfscope as root).
        </p>
      )}
      <pre className="disasm" aria-label="Disassembly">
        {details.lines.map((l) => (
          <div key={l.index} className="disasm-line">
            <span className="disasm-index">{indexPrefix(l.index)}</span>
            <InsnText line={l} />
          </div>
        ))}
      </pre>
    </div>
  );
}
