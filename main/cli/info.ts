// `bpfscope info PATH`: the entry, its object's info (as bpftool map/prog/link show), its pins and bpfscope's
// handles on it; JSON: the contract's InspectResult (without entries: `dump` reads those).
import { fieldLines, modeString } from './format.js';
import type { CommandContext, CommandOutput } from './output.js';

export async function info({ api, paths }: CommandContext): Promise<CommandOutput> {
  const path = paths[0]!;
  const result = await api.inspectPath({ path, limit: 0 });
  const { entry } = result;
  const fields: [string, unknown][] = [
    ['path', entry.path || '(the mount root)'],
    ['entry', `${modeString(entry)} ${entry.kind} uid ${entry.uid} gid ${entry.gid} nlink ${entry.nlink}`],
  ];
  if (entry.target !== undefined) fields.push(['target', entry.target]);
  if (entry.noAccess) fields.push(['no access', `${entry.noAccess.code}: ${entry.noAccess.reason}`]);
  if (entry.preloaded) fields.push(['iterator', `lists ${entry.preloaded}`]);
  for (const [k, v] of Object.entries(result.info ?? {})) fields.push([k, v]);
  if (result.info) fields.push(['pins', result.pins], ['handles', result.handles]);
  return { json: result, text: fieldLines(fields) };
}
