// Ctrl+P (Cmd+P) opens this host's quick jump: when the key comes from inside its window part, or from nowhere in
// particular (the page itself) and this is the first host shown.
import { type RefObject, useEffect } from 'react';

import { useAppStoreApi } from '../store/context.js';

export function useQuickJumpKey(root: RefObject<HTMLElement | null>): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
      const el = root.current;
      if (!el) return;
      const target = e.target instanceof Node ? e.target : null;
      const fromPage = target === null || target === document.body || target === document.documentElement;
      const mine = (target !== null && el.contains(target)) || (fromPage && document.querySelector('.app') === el);
      if (!mine) return;
      e.preventDefault();
      store.getState().setQuickJumpOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, store]);
}
