// `bpfscope unlink PATH`: removes one pin or symlink (no Undo window: that is the UI's) and says what became of the
// object. JSON: the contract's UnlinkImpact, as read just before the unlink.
import type { UnlinkImpact } from '../../shared/contract.js';

import type { CommandContext, CommandOutput } from './output.js';

function fate(impact: UnlinkImpact): string {
  if (!impact.entry.object) return '';
  if (impact.freesObject) return '; the object is freed';
  const still: string[] = [];
  if (impact.otherPins.length > 0) still.push(`pinned at ${impact.otherPins.join(', ')}`);
  if (impact.holders.length > 0)
    still.push(`held by ${impact.holders.map((h) => `pid ${h.pid} (${h.comm})`).join(', ')}`);
  if (impact.handles.length > 0) still.push(`open in this bpfscope (handles ${impact.handles.join(', ')})`);
  return `; the object lives on: ${still.join('; ')}`;
}

export async function unlink({ api, paths }: CommandContext): Promise<CommandOutput> {
  const path = paths[0]!;
  const impact = await api.unlinkImpact({ path });
  await api.unlink({ path });
  const o = impact.entry.object;
  const what = o ? `${o.kind} ${o.id} (${o.type}${o.name ? ` ${o.name}` : ''})` : impact.entry.kind;
  return { json: impact, text: [`unlinked ${path}: ${what}${fate(impact)}`] };
}
