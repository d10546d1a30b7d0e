// The users and groups of the engine's host, from its passwd and group files, for the owner and group pickers.
import { readFile } from 'node:fs/promises';

import type { HostAccount, HostAccounts } from '../../shared/contract.js';

/** At most this many of each: a directory service can list thousands. */
const MAX_ACCOUNTS = 5000;

async function lines(file: string): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // No such file (not Linux, a minimal container): the pickers take numbers only.
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

const byId = (a: HostAccount, b: HostAccount): number => a.id - b.id;

/** passwd's name:x:uid:… and group's name:x:gid:members, in id order; malformed lines are skipped. */
export async function readHostAccounts(etc = '/etc'): Promise<HostAccounts> {
  const users: HostAccount[] = [];
  for (const f of await lines(`${etc}/passwd`)) {
    const id = Number(f[2]);
    if (f[0] && Number.isInteger(id) && id >= 0) users.push({ id, name: f[0] });
  }
  const groups: HostAccounts['groups'] = [];
  for (const f of await lines(`${etc}/group`)) {
    const id = Number(f[2]);
    if (!f[0] || !Number.isInteger(id) || id < 0) continue;
    groups.push({ id, name: f[0], members: (f[3] ?? '').split(',').filter((m) => m !== '') });
  }
  return { users: users.sort(byId).slice(0, MAX_ACCOUNTS), groups: groups.sort(byId).slice(0, MAX_ACCOUNTS) };
}
