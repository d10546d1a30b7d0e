// Errors become notices the user can read and dismiss: errno name, message, hint. Nothing fails silently.
import { isBpfError } from '../../shared/errors.js';

import type { Notice, NoticesSlice, SetState } from './types.js';

const MAX_NOTICES = 50;

export function createNoticesSlice(set: SetState): NoticesSlice {
  let nextId = 1;
  const push = (n: Omit<Notice, 'id'>): void =>
    set((s) => ({ notices: [...s.notices, { ...n, id: nextId++ }].slice(-MAX_NOTICES) }));

  return {
    notices: [],
    notifyError: (err, context) => {
      const prefix = context ? `${context}: ` : '';
      if (isBpfError(err)) {
        push({ level: 'error', code: err.code, message: prefix + err.message, hint: err.hint, path: err.path });
      } else {
        const message = err instanceof Error ? err.message : String(err);
        push({ level: 'error', message: prefix + message });
      }
    },
    notifyInfo: (message) => push({ level: 'info', message }),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
}
