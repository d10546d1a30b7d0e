// Selects a pin in the tree, expanding the folders above it first so the row is visible.
import { splitPath } from '../../shared/bpf/paths.js';

import type { AppStore } from '../store/types.js';

export async function selectPin(store: AppStore, path: string): Promise<void> {
  const parts = splitPath(path);
  for (let i = 1; i < parts.length; i++) await store.getState().expand(parts.slice(0, i).join('/'));
  await store.getState().select(parts.join('/'));
}
