// Element edits from the entries view: each takes its own handle on the pin (read-write unless asked otherwise)
// and closes it after, so the kernel's own checks (frozen, read-only fd, full map, flags) decide.
import type { ApiClient } from '../../shared/contract.js';

export type UpdateFlag = 'any' | 'noexist' | 'exist';
export type EditAccess = 'rw' | 'ro';

async function withHandle<T>(
  api: ApiClient,
  path: string,
  access: EditAccess,
  run: (handle: number) => Promise<T>,
): Promise<T> {
  const { handle } = await api.get({ path, access });
  try {
    return await run(handle);
  } finally {
    await api.close({ handle }).catch(() => undefined);
  }
}

export function updateEntry(
  api: ApiClient,
  path: string,
  key: string,
  value: string,
  flag: UpdateFlag,
  access: EditAccess = 'rw',
): Promise<null> {
  return withHandle(api, path, access, (handle) => api.mapUpdate({ handle, key, value, flag }));
}

export function deleteEntry(api: ApiClient, path: string, key: string, access: EditAccess = 'rw'): Promise<null> {
  return withHandle(api, path, access, (handle) => api.mapDelete({ handle, key }));
}

/** Queue / stack: the head (or top) without removing it. */
export function peekEntry(api: ApiClient, path: string): Promise<string> {
  return withHandle(api, path, 'ro', (handle) => api.mapLookup({ handle, key: null }));
}
