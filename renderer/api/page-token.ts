// Browser mode's access token: read from the address bar, kept in this tab's sessionStorage so a reload still
// connects, and taken out of the address bar (so out of history, bookmarks and screen shares) once connected.

const KEY = 'bpfscope.token';

export interface TokenPage {
  location: Pick<Location, 'href' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The token in the address bar (remembered for reloads), else the one remembered, else ''. */
export function pageToken(page: TokenPage): string {
  const fromUrl = new URLSearchParams(page.location.search).get('token');
  try {
    if (fromUrl) page.sessionStorage.setItem(KEY, fromUrl);
    return fromUrl ?? page.sessionStorage.getItem(KEY) ?? '';
  } catch {
    // Storage can be off (privacy settings); the token still works for this load.
    return fromUrl ?? '';
  }
}

/** Drops ?token= from the address bar without a navigation, keeping the rest of the URL. */
export function hideToken(page: TokenPage): void {
  const url = new URL(page.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  page.history.replaceState(page.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
