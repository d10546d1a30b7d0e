// Says when the agent that runs the engine is gone, and why ("The agent exited: SIGSEGV"), with Reconnect.
import { useAppStore } from '../store/context.js';

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  const reconnecting = useAppStore((s) => s.reconnecting);
  const reconnect = useAppStore((s) => s.reconnect);
  if (!connection || (connection.state !== 'disconnected' && !reconnecting)) return null;
  const down = connection.state === 'disconnected';
  return (
    <div className="connection-banner" role="alert" aria-label="Connection">
      <span>
        {down
          ? `${capitalized(connection.reason ?? 'disconnected')}. The tree shows what was there when it went.`
          : 'Starting the agent again…'}
      </span>
      {down && (
        <button type="button" onClick={() => void reconnect()} disabled={reconnecting}>
          {reconnecting ? 'Reconnecting…' : 'Reconnect'}
        </button>
      )}
    </div>
  );
}
