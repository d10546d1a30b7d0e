// A tree row's mode and owner, as `ls -l` shows them: "rw-r--r-- root".
import { modeString, octalMode } from '../../shared/bpf/permissions.js';
import type { DirEntry } from '../../shared/engine.js';

import { useAppStore } from '../store/context.js';
import { findingsAt } from '../store/health-slice.js';
import { accountName } from '../store/permissions-slice.js';

export function ModeBadge({ entry }: { entry: DirEntry }) {
  const owner = useAppStore((s) => accountName(s.accounts, 'user', entry.uid));
  const group = useAppStore((s) => accountName(s.accounts, 'group', entry.gid));
  if (entry.kind === 'symlink') return null;
  const bits = modeString(entry.mode, '-').slice(1);
  return (
    <span
      className="tree-mode"
      data-mode={octalMode(entry.mode)}
      title={`mode ${octalMode(entry.mode)}, owner ${owner} (${entry.uid}), group ${group} (${entry.gid})`}
    >
      {bits} {owner}
    </span>
  );
}

const SHORT = {
  'orphan-map': 'orphaned',
  'unattached-prog': 'attached nowhere',
  'dead-link': 'target gone',
  duplicate: 'pinned twice',
  'incompatible-pin': 'incompatible',
} as const;

/** The Pin health findings about this pin, as a badge (from the last check). */
export function HealthBadge({ path }: { path: string }) {
  const text = useAppStore((s) =>
    findingsAt(s.health, path)
      .map((f) => SHORT[f.kind])
      .join(', '),
  );
  if (text === '') return null;
  return (
    <span className="tree-health" title={`Pin health: ${text}`}>
      ⚠ {text}
    </span>
  );
}
