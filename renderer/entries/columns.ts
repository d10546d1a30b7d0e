// The entries table's virtual scroll geometry (fixed row height; the spacer is capped so
// browsers can hold a million rows, and scrollTop maps proportionally onto rows beyond the cap).
export const ROW_HEIGHT = 24;
/** The scroll viewport's height in px (fixed in CSS, so nothing is measured while scrolling). */
export const VIEWPORT_HEIGHT = 480;
export const VISIBLE_ROWS = Math.ceil(VIEWPORT_HEIGHT / ROW_HEIGHT) + 1;
/** Rows fetched beyond each edge of the viewport. */
export const OVERSCAN = 60;
/** Browsers stop growing elements somewhere above 16M px (Firefox) / 33M px (Chrome): stay well below. */
export const MAX_SPACER_PX = 8_000_000;

export interface ScrollGeometry {
  spacerPx: number;
  /** First row at least partly visible. */
  first: number;
  /** Where the rendered rows start, in the scroll content's px. */
  top: number;
}

export function geometry(total: number, scrollTop: number): ScrollGeometry {
  const fullPx = total * ROW_HEIGHT;
  const spacerPx = Math.min(fullPx, MAX_SPACER_PX);
  const range = spacerPx - VIEWPORT_HEIGHT;
  const ratio = fullPx > MAX_SPACER_PX && range > 0 ? (fullPx - VIEWPORT_HEIGHT) / range : 1;
  const virtualTop = Math.max(0, scrollTop * ratio);
  const first = Math.min(Math.floor(virtualTop / ROW_HEIGHT), Math.max(0, total - 1));
  return { spacerPx, first, top: Math.max(0, scrollTop - (virtualTop - first * ROW_HEIGHT)) };
}
