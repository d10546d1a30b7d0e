// `bpfscope ls [PATH]`: a folder's entries like `ls -l` (a single pin or symlink: that entry); JSON: DirEntry[].
import type { DirEntry } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import { entryRows } from './format.js';
import type { CommandContext, CommandOutput } from './output.js';

export async function ls({ api, paths }: CommandContext): Promise<CommandOutput> {
  const path = paths[0] ?? '';
  let entries: DirEntry[];
  let single = false;
  try {
    entries = await api.list({ path });
  } catch (e) {
    if (!isBpfError(e) || e.code !== 'ENOTDIR') throw e;
    entries = [await api.stat({ path })];
    single = true;
  }
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { json: entries, text: entryRows(single ? sorted.map((e) => ({ ...e, name: e.path })) : sorted) };
}
