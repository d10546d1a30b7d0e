// The token leaves the address bar once connected and survives a reload of the tab through sessionStorage.
import { afterEach, describe, expect, it } from 'vitest';

import { hideToken, pageToken } from './page-token.js';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('page token', () => {
  it('reads the token from the address bar, then hides it and keeps the rest of the URL', () => {
    window.history.replaceState(null, '', '/?view=3&token=abcdefgh#entries');
    expect(pageToken(window)).toBe('abcdefgh');
    hideToken(window);
    expect(window.location.search).toBe('?view=3');
    expect(window.location.hash).toBe('#entries');
    expect(window.location.href).not.toContain('abcdefgh');
  });

  it('finds the token again after a reload without it in the URL', () => {
    window.history.replaceState(null, '', '/?token=abcdefgh');
    pageToken(window);
    hideToken(window);
    expect(pageToken(window)).toBe('abcdefgh');
  });

  it('prefers a new token in the address bar over the remembered one', () => {
    window.history.replaceState(null, '', '/?token=oldtoken1');
    pageToken(window);
    window.history.replaceState(null, '', '/?token=newtoken2');
    expect(pageToken(window)).toBe('newtoken2');
    window.history.replaceState(null, '', '/');
    expect(pageToken(window)).toBe('newtoken2');
  });

  it('is empty when neither the URL nor the tab has one', () => {
    expect(pageToken(window)).toBe('');
  });
});
