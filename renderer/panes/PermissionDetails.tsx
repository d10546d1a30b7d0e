// Who may read and write the selected pin or folder, by name, and what the engine's own user may do with it.
import { useShallow } from 'zustand/react/shallow';

import { credentialsOf, mayAccess, modeString, octalMode } from '../../shared/bpf/permissions.js';
import type { DirEntry } from '../../shared/engine.js';

import { WhoCanText } from '../dialogs/WhoCanText.js';
import { useAppStore } from '../store/context.js';
import { accountName } from '../store/permissions-slice.js';

/** What the engine's user may do with `entry` by its mode: "read and write", "read only", … */
export function yourAccess(entry: DirEntry, who: ReturnType<typeof credentialsOf>): string {
  if (who.capable) return 'read and write (root passes every mode check)';
  const r = mayAccess(entry, who, 4);
  const w = mayAccess(entry, who, 2);
  if (r && w) return 'read and write';
  if (r) return entry.kind === 'dir' ? 'read only: list it, not change it' : 'read only: bpfscope opens it read-only';
  if (w) return 'write only';
  return 'neither read nor write';
}

export function PermissionDetails({ entry }: { entry: DirEntry }) {
  const { accounts, privilege, openDialog } = useAppStore(
    useShallow((s) => ({ accounts: s.accounts, privilege: s.engine?.privilege, openDialog: s.openDialog })),
  );
  if (entry.kind === 'symlink') return null;
  const who = credentialsOf(privilege);
  const type = entry.kind === 'dir' ? 'd' : '-';
  return (
    <section className="details-block permission-details" aria-label="Permissions">
      <h3>Permissions</h3>
      <p>
        <code>{modeString(entry.mode, type)}</code> ({octalMode(entry.mode)}), owner{' '}
        <strong>{accountName(accounts, 'user', entry.uid)}</strong> ({entry.uid}), group{' '}
        <strong>{accountName(accounts, 'group', entry.gid)}</strong> ({entry.gid})
      </p>
      <p>
        <WhoCanText mode={entry.mode} />
      </p>
      <p className="your-access">
        {who.capable ? 'You' : `You (${accountName(accounts, 'user', who.uid)}, uid ${who.uid})`}:{' '}
        {yourAccess(entry, who)}
      </p>
      {entry.path !== '' && (
        <button type="button" onClick={() => openDialog('permissions', entry.path)}>
          Permissions…
        </button>
      )}
    </section>
  );
}
