// Which engine is behind the app, as whom it runs ("native — root via pkexec", "native — uid 1000, no CAP_BPF"),
// and where its bpffs is mounted; "Authenticate…" when running as root would show more.
import { accessLabel } from '../../shared/elevation.js';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import { currentMountLabel } from '../store/mounts-slice.js';

export function Header() {
  const store = useAppStoreApi();
  const engine = useAppStore((s) => s.engine);
  const connection = useAppStore((s) => s.connection);
  const mount = useAppStore((s) => currentMountLabel(s.mounts, s.engine));
  const canElevate = useAppStore((s) => s.elevation?.needed === true && s.engine?.engine === 'native');
  return (
    // Each host's workspace is a labelled section, so the header names itself the banner of that host's app.
    <header className="app-header" role="banner">
      <h1>bpfscope</h1>
      {engine?.snapshot ? (
        <span className="engine" aria-label="Engine">
          <span className="engine-badge engine-snapshot" title={`Read-only: ${engine.snapshot.file}`}>
            snapshot of {engine.snapshot.label}
          </span>
          <code>{engine.mountPoint}</code>
          <span>{engine.possibleCpus} CPUs</span>
          {engine.kernel && <span>kernel {engine.kernel}</span>}
        </span>
      ) : engine ? (
        <span className="engine" aria-label="Engine">
          <span className={`engine-badge engine-${engine.engine}`}>
            {accessLabel(engine.engine, connection?.agent, connection?.via)}
          </span>
          <code aria-label="Mount shown">{mount}</code>
          <span>{engine.possibleCpus} CPUs</span>
          {engine.kernel && <span>kernel {engine.kernel}</span>}
        </span>
      ) : (
        <span className="engine">connecting…</span>
      )}
      {canElevate && (
        <button type="button" className="header-action" onClick={() => store.getState().authenticate(null)}>
          Authenticate…
        </button>
      )}
    </header>
  );
}
