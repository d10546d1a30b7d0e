// `bpfscope dump PATH`: a map's entries like `bpftool map dump` (JSON: the contract's WireDump), or a program's
// translated instructions like `bpftool prog dump xlated` (JSON: ProgDetails).
import { BpfError } from '../../shared/errors.js';

import { hexBytes } from './format.js';
import type { CommandContext, CommandOutput } from './output.js';

export async function dump({ api, paths, limit }: CommandContext): Promise<CommandOutput> {
  const path = paths[0]!;
  const entry = await api.stat({ path });
  // A symlink is read through, as BPF_OBJ_GET does.
  const kind = entry.kind === 'symlink' ? (await api.pathInfo({ path })).kind : entry.kind;
  if (kind === 'prog') {
    const details = await api.progDetails({ path });
    const width = String(Math.max(0, details.lines.length - 1)).length;
    return { json: details, text: details.lines.map((l) => `${String(l.index).padStart(width + 2)}: ${l.text}`) };
  }
  if (kind !== 'map' && kind !== 'pin') {
    throw new BpfError('EINVAL', `${path} is a ${kind}: dump reads maps and programs.`, {
      path,
      hint: kind === 'dir' ? `List it with: bpfscope ls ${path}` : `See it with: bpfscope info ${path}`,
    });
  }
  const handle = await api.get({ path, access: 'ro' });
  try {
    const result = await api.mapDump({ handle: handle.handle, ...(limit === undefined ? {} : { limit }) });
    const text = result.entries.map((e) => `key: ${hexBytes(e.key)}  value: ${hexBytes(e.value)}`);
    const n = result.entries.length;
    text.push(
      result.truncated ? `Showing the first ${n} elements (--limit)` : `Found ${n} element${n === 1 ? '' : 's'}`,
    );
    return { json: result, text };
  } finally {
    await api.close({ handle: handle.handle });
  }
}
