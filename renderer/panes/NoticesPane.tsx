// Errors and results the user should read: errno name, message, hint; each dismissable.
import { useAppStore } from '../store/context.js';

export function NoticesPane() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  return (
    <section className="pane notices-pane" role="region" aria-label="Notices">
      <h2>Notices</h2>
      {notices.length === 0 && <p className="empty">Nothing to report.</p>}
      {[...notices].reverse().map((n) => (
        <div key={n.id} role="alert" className={`notice notice-${n.level}`}>
          {n.code && <strong className="errno">{n.code}</strong>}
          <span className="notice-message">{n.message}</span>
          {n.hint && <span className="notice-hint">{n.hint}</span>}
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
