// The layout a user picked for a map without BTF, remembered per map path in localStorage.
import type { LayoutChoice } from './codec.js';

const PREFIX = 'bpfscope.layout:';

export function loadLayouts(path: string): Partial<LayoutChoice> {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + path);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { key, value } = parsed as Record<string, unknown>;
    return { ...(typeof key === 'string' ? { key } : {}), ...(typeof value === 'string' ? { value } : {}) };
  } catch {
    return {}; // storage disabled or a damaged entry: start from the defaults
  }
}

export function saveLayouts(path: string, choice: Partial<LayoutChoice>): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + path, JSON.stringify(choice));
  } catch {
    // storage full or disabled: the choice lasts for this session only
  }
}
