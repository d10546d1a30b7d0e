// What "nothing changed" means for the RPC fuzz: the whole tree, the handles and the set of live objects.
import type { ApiClient } from '../../../shared/contract.js';

export interface Snapshot {
  tree: string[];
  handles: string[];
  objects: string[];
}

async function walk(api: ApiClient, path: string, out: string[]): Promise<void> {
  for (const e of await api.list({ path })) {
    out.push(`${e.kind} ${e.path} ${e.mode.toString(8)} ${e.nlink} ${e.object?.id ?? ''} ${e.target ?? ''}`);
    if (e.kind === 'dir') await walk(api, e.path, out);
  }
}

export async function snapshot(api: ApiClient): Promise<Snapshot> {
  const tree: string[] = [];
  await walk(api, '', tree);
  const handles = (await api.handles({})).map((h) => JSON.stringify(h));
  const objects = (await api.listObjects({})).map(
    (o) => `${o.kind} ${o.id} ${[...o.pins].sort().join(',')} ${o.handles.join(',')}`,
  );
  return { tree, handles, objects: objects.sort() };
}
