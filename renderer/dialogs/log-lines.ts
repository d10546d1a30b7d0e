// A long log for a dialog: its first lines and, above all, its last ones; the middle is counted, not shown.

export interface CollapsedLog {
  head: string[];
  /** Lines left out between head and tail (0: nothing is). */
  hidden: number;
  tail: string[];
}

export const LOG_HEAD_LINES = 6;
export const LOG_TAIL_LINES = 80;

export function logLines(log: string): string[] {
  const lines = log.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The whole log when it fits in head + tail lines, else its first `head` and last `tail` lines. */
export function collapseLines(lines: string[], head = LOG_HEAD_LINES, tail = LOG_TAIL_LINES): CollapsedLog {
  if (lines.length <= head + tail + 1) return { head: [], hidden: 0, tail: lines };
  return { head: lines.slice(0, head), hidden: lines.length - head - tail, tail: lines.slice(-tail) };
}
