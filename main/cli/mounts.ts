// `bpfscope mounts`: every bpffs mount of the host, other mount namespaces' too, with the root's owner and mode,
// the token delegation options and the processes that see it; JSON: the contract's BpffsMount[].
import { modeString } from '../../shared/bpf/permissions.js';
import { mountLabel } from '../../shared/mounts.js';

import { fieldLines } from './format.js';
import type { CommandContext, CommandOutput } from './output.js';

export async function mounts({ api }: CommandContext): Promise<CommandOutput> {
  const all = await api.mounts({});
  const text: string[] = [];
  for (const m of all) {
    const more = m.processCount - m.processes.length;
    const procs = m.processes.map((p) => `${p.pid} ${p.comm}`).join(', ') + (more > 0 ? ` and ${more} more` : '');
    if (text.length > 0) text.push('');
    text.push(
      ...fieldLines([
        ['mount', `${mountLabel(m)}${m.current ? ' (opened)' : ''}`],
        ['open as', m.openPath],
        ['root', `${modeString(0o1000 | m.options.mode, 'd')} uid ${m.options.uid} gid ${m.options.gid}`],
        ['options', m.optionText || '(none)'],
        ['processes', `${m.processCount}${procs ? `: ${procs}` : ''}`],
      ]),
    );
  }
  return { json: all, text };
}
