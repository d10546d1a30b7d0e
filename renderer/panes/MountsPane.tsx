// Every bpffs mount of the host, other mount namespaces' too: its options (the root's owner and mode, what a BPF
// token made from it may do), the processes that see it, and the way to show it in the tree.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { DELEGATE_KINDS } from '../../shared/bpf/mount-options.js';
import { modeString } from '../../shared/bpf/permissions.js';
import { type BpffsMount, mountLabel } from '../../shared/mounts.js';

import { useAppStore } from '../store/context.js';
import { accountName } from '../store/permissions-slice.js';

function Delegation({ m }: { m: BpffsMount }) {
  const none = DELEGATE_KINDS.every((k) => m.options.delegate[k].length === 0);
  if (none) return <p className="note">No BPF token delegation: a token cannot be made from this mount.</p>;
  return (
    <dl className="mount-delegate" aria-label="Token delegation">
      {DELEGATE_KINDS.map((k) => (
        <div key={k}>
          <dt>delegate_{k}</dt>
          <dd>{m.options.delegate[k].length === 0 ? 'none' : m.options.delegate[k].join(', ')}</dd>
        </div>
      ))}
    </dl>
  );
}

function Mount({ m }: { m: BpffsMount }) {
  const { accounts, openMount, shown } = useAppStore(
    useShallow((s) => ({ accounts: s.accounts, openMount: s.openMount, shown: s.engine?.mountId === m.id })),
  );
  const { uid, gid, mode } = m.options;
  const more = m.processCount - m.processes.length;
  return (
    <li className={`mount${shown ? ' is-current' : ''}`} aria-label={mountLabel(m)}>
      <h3>
        <code>{m.mountPoint}</code> {shown && <span className="badge">shown in the tree</span>}
      </h3>
      <p>
        {m.own ? 'This mount namespace' : `Mount namespace ${m.namespace}`}; opened through <code>{m.openPath}</code>.
      </p>
      <p aria-label="Root folder">
        Root folder {accountName(accounts, 'user', uid)}:{accountName(accounts, 'group', gid)}{' '}
        <code>{modeString(0o1000 | mode, 'd')}</code> (mount options {m.optionText || 'none'}).
      </p>
      <Delegation m={m} />
      <p aria-label="Processes">
        Seen by {m.processCount} process{m.processCount === 1 ? '' : 'es'}
        {m.processes.length > 0 && ': '}
        {m.processes.map((p) => `${p.pid} ${p.comm}`).join(', ')}
        {more > 0 && ` and ${more} more`}.
      </p>
      <button type="button" disabled={shown} onClick={() => void openMount(m.id)}>
        Show in tree
      </button>
    </li>
  );
}

export function MountsPane() {
  const { mounts, busy, load } = useAppStore(
    useShallow((s) => ({ mounts: s.mounts, busy: s.mountsBusy, load: s.loadMounts })),
  );
  useEffect(() => void load(), [load]);
  return (
    <section className="pane mounts-pane" aria-labelledby="mounts-title">
      <h2 id="mounts-title">bpffs mounts</h2>
      <button type="button" disabled={busy} onClick={() => void load()}>
        List again
      </button>
      {mounts && (
        <ul className="mount-list" aria-label="bpffs mounts">
          {mounts.map((m) => (
            <Mount key={m.id} m={m} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Switches the tree between mounts; shown when there is more than one. */
export function MountPicker() {
  const { mounts, shown, openMount } = useAppStore(
    useShallow((s) => ({ mounts: s.mounts, shown: s.engine?.mountId, openMount: s.openMount })),
  );
  if (!mounts || mounts.length < 2) return null;
  return (
    <label className="mount-picker">
      Mount{' '}
      <select value={shown ?? ''} onChange={(e) => void openMount(e.target.value)}>
        {mounts.map((m) => (
          <option key={m.id} value={m.id}>
            {mountLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}
