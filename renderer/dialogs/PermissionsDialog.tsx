// chmod and chown of a pin or folder: the mode in octal, the owner and the group picked by name from the host's accounts.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { baseName } from '../../shared/bpf/paths.js';
import { modeString, octalMode } from '../../shared/bpf/permissions.js';
import type { HostAccount } from '../../shared/contract.js';

import { entryAt } from '../actions/actions.js';
import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import type { Problem } from './validation.js';
import { WhoCanText } from './WhoCanText.js';

/** The accounts with `id` added when the host has no name for it. */
function withId(list: HostAccount[] | undefined, id: number): HostAccount[] {
  const all = list ?? [];
  return all.some((a) => a.id === id) ? all : [{ id, name: `${id} (no name on this host)` }, ...all];
}

function modeProblem(text: string): Problem | undefined {
  if (/^[0-7]{1,4}$/.test(text)) return undefined;
  return { code: 'EINVAL', message: 'Octal digits only, at most four (e.g. 0644 or 2775).' };
}

export function PermissionsDialog({ target }: { target: string }) {
  const { entry, accounts } = useAppStore(
    useShallow((s) => ({ entry: entryAt(s.children, target), accounts: s.accounts })),
  );
  const { error, busy, run, store } = useDialogSubmit();
  const [modeText, setModeText] = useState(entry ? octalMode(entry.mode) : '');
  const [uid, setUid] = useState(String(entry?.uid ?? 0));
  const [gid, setGid] = useState(String(entry?.gid ?? 0));
  if (!entry) return null;
  const problem = modeProblem(modeText);
  const mode = Number.parseInt(modeText, 8);
  const type = entry.kind === 'dir' ? 'd' : entry.kind === 'symlink' ? 'l' : '-';

  const submit = (): void =>
    void run(`Changing the permissions of "${target}"`, async () => {
      const s = store.getState();
      const owner = {
        ...(Number(uid) !== entry.uid ? { uid: Number(uid) } : {}),
        ...(Number(gid) !== entry.gid ? { gid: Number(gid) } : {}),
      };
      // Owner first: chown drops setuid bits, so a mode asked for at the same time is set after it.
      if (owner.uid !== undefined || owner.gid !== undefined) await s.changeOwner(target, owner);
      if (mode !== entry.mode) await s.changeMode(target, mode);
    });

  return (
    <DialogFrame
      title={`Permissions of ${baseName(target)}`}
      submitLabel="Apply"
      canSubmit={!problem}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <TextField label="Mode (octal)" value={modeText} onChange={setModeText} problem={problem} monospace />
      {!problem && (
        <p className="note mode-preview">
          <code>{modeString(mode, type)}</code> <WhoCanText mode={mode} />
        </p>
      )}
      <SelectField label="Owner" value={uid} onChange={setUid}>
        {withId(accounts?.users, entry.uid).map((u) => (
          <option key={u.id} value={String(u.id)}>
            {u.name} ({u.id})
          </option>
        ))}
      </SelectField>
      <SelectField label="Group" value={gid} onChange={setGid}>
        {withId(accounts?.groups, entry.gid).map((g) => (
          <option key={g.id} value={String(g.id)}>
            {g.name} ({g.id})
          </option>
        ))}
      </SelectField>
      <p className="note">
        Only the owner or root may change the mode; only root may give it to another owner; the owner may pick one of
        their own groups. The kernel says EPERM otherwise.
      </p>
    </DialogFrame>
  );
}
