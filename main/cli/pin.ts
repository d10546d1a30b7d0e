// `bpfscope pin SRC DST`: opens the object SRC names — a pinned path (BPF_OBJ_GET, through symlinks) or
// id:map:N / id:prog:N / id:link:N (*_GET_FD_BY_ID) — pins it at DST (BPF_OBJ_PIN: a new pin with its own mode and
// owner, unlike a hard link) and closes the handle. JSON: the new pin's DirEntry.
import { accessToPin } from '../../shared/bpf/access.js';
import type { HandleInfo } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { entryRows } from './format.js';
import type { CommandContext, CommandOutput } from './output.js';

const BY_ID = /^id:(map|prog|link):(\d{1,10})$/;

async function open({ api }: CommandContext, src: string): Promise<HandleInfo> {
  const byId = BY_ID.exec(src);
  if (byId) {
    const kind = byId[1] as 'map' | 'prog' | 'link';
    return api.getById({ kind, id: Number(byId[2]), access: accessToPin(kind) });
  }
  const entry = await api.stat({ path: src });
  if (entry.kind === 'dir') {
    throw new BpfError('EISDIR', `${src || 'The mount root'} is a folder: pin takes a pinned object.`, {
      path: src,
      hint: 'Give the path of a pin, or an object id as id:map:N, id:prog:N or id:link:N (see bpftool map/prog/link list).',
    });
  }
  const { kind } = await api.pathInfo({ path: src });
  return api.get({ path: src, access: accessToPin(kind) });
}

export async function pin(ctx: CommandContext): Promise<CommandOutput> {
  const [src, dst] = ctx.paths as [string, string];
  const handle = await open(ctx, src);
  try {
    await ctx.api.pin({ handle: handle.handle, path: dst });
  } finally {
    await ctx.api.close({ handle: handle.handle });
  }
  const entry = await ctx.api.stat({ path: dst });
  return { json: entry, text: entryRows([{ ...entry, name: entry.path }]) };
}
