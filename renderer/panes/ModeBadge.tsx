// A tree row's mode and owner, as `ls -l` shows them: "rw-r--r-- root".
import { modeString, octalMode } from '../../shared/bpf/permissions.js';
import type { DirEntry } from '../../shared/engine.js';

import { useAppStore } from '../store/context.js';
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
