// Code that runs inside the page for the UI figures. Kept as source strings: tsx rewrites functions (adding
// __name helpers) so that Function#toString no longer runs in the page.

/** Data rows of the entries table (a pending row is a placeholder still waiting for its window). */
export const DATA_ROW = '[role="table"][aria-label="Map entries"] [role="rowgroup"] [role="row"]:not(.pending)';
export const SCROLLER = '[data-testid="entries-scroll"]';

/**
 * Clicks the tree row of `path` and resolves with ms from just before the click to the first frame painted
 * after a data row of the entries table is in the DOM (rAF runs before that paint; the timeout after it).
 */
export const firstRowsScript = (path: string): string => `(async () => {
  const row = document.querySelector('[role="treeitem"][data-path="' + CSS.escape(${JSON.stringify(path)}) + '"]');
  if (!row) throw new Error('no tree row for ' + ${JSON.stringify(path)});
  if (document.querySelector(${JSON.stringify(DATA_ROW)})) throw new Error('an entries table is still shown before the click');
  return await new Promise((resolve, reject) => {
    let done = false;
    const obs = new MutationObserver(() => check());
    const check = () => {
      if (done || !document.querySelector(${JSON.stringify(DATA_ROW)})) return;
      done = true;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    };
    setTimeout(() => { if (!done) { done = true; obs.disconnect(); reject(new Error('no entry row within 60 s')); } }, 60000);
    obs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    const t0 = performance.now();
    row.click();
  });
})()`;

/**
 * Scrolls the entries view from top to bottom over `durationMs`, moving scrollTop once per frame, and resolves
 * with every frame interval (ms) seen meanwhile and how many frames showed placeholder rows.
 */
export const scrollScript = (durationMs: number): string => `(async () => {
  const el = document.querySelector(${JSON.stringify(SCROLLER)});
  if (!el) throw new Error('no entries scroll container');
  el.scrollTop = 0;
  const max = el.scrollHeight - el.clientHeight;
  const intervals = [];
  let pendingFrames = 0;
  return await new Promise((resolve) => {
    let start = -1;
    let last = -1;
    const step = (t) => {
      if (start < 0) start = t;
      else intervals.push(t - last);
      last = t;
      // What the previous frame painted: placeholders still waiting for their rows from main.
      if (el.querySelector('[role="row"].pending')) pendingFrames++;
      const f = Math.min(1, (t - start) / ${durationMs});
      el.scrollTop = Math.round(f * max);
      if (f < 1) requestAnimationFrame(step);
      else resolve({ intervals, max, scrollTop: el.scrollTop, pendingFrames });
    };
    requestAnimationFrame(step);
  });
})()`;
