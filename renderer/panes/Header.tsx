// Which engine is behind the app, with which privileges, and where its bpffs is mounted.
import { privilegeLabel } from '../../shared/bpf/privilege.js';

import { useAppStore } from '../store/context.js';

export function Header() {
  const engine = useAppStore((s) => s.engine);
  return (
    <header className="app-header">
      <h1>bpfscope</h1>
      {engine ? (
        <span className="engine" aria-label="Engine">
          <span className={`engine-badge engine-${engine.engine}`}>{privilegeLabel(engine)}</span>
          <code>{engine.mountPoint}</code>
          <span>{engine.possibleCpus} CPUs</span>
          {engine.kernel && <span>kernel {engine.kernel}</span>}
        </span>
      ) : (
        <span className="engine">connecting…</span>
      )}
    </header>
  );
}
