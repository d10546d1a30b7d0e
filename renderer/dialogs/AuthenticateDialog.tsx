// "Authenticate…": start the engine's agent as root, through polkit (the desktop asks for the password) or sudo
// (asked here; the password goes to main for sudo's askpass, and is kept nowhere, not even in the store).
import { useId, useState } from 'react';

import type { ElevationMethod, ElevationWay } from '../../shared/elevation.js';
import type { WireError } from '../../shared/errors.js';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { toWire } from './use-dialog-submit.js';

const WAY_NAMES: Record<ElevationMethod, string> = { pkexec: 'polkit (pkexec)', sudo: 'sudo' };

function Unavailable({ ways }: { ways: ElevationWay[] }) {
  if (ways.length === 0) return null;
  return (
    <ul className="note">
      {ways.map((w) => (
        <li key={w.method}>
          {WAY_NAMES[w.method]}: {w.why}
        </li>
      ))}
    </ul>
  );
}

export function AuthenticateDialog({ target }: { target: string }) {
  const store = useAppStoreApi();
  const elevation = useAppStore((s) => s.elevation);
  const elevating = useAppStore((s) => s.elevating);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const passwordId = useId();
  const ways = elevation?.ways ?? [];
  const pkexec = ways.find((w) => w.method === 'pkexec' && w.available);
  const sudo = ways.find((w) => w.method === 'sudo' && w.available);
  const close = (): void => store.getState().closeDialog();

  const run = async (method: ElevationMethod, pw?: string): Promise<void> => {
    setError(null);
    try {
      await store.getState().elevate(method, pw);
      close();
    } catch (err) {
      setError(toWire(err));
    }
  };
  const submitSudo = (): void => {
    const pw = password;
    setPassword('');
    void run('sudo', pw);
  };

  const needed = elevation?.needed ?? true;
  return (
    <DialogFrame
      title="Authenticate"
      submitLabel={needed ? 'Authenticate with sudo' : 'OK'}
      canSubmit={!needed || (sudo !== undefined && password !== '')}
      busy={elevating !== null}
      error={error}
      onSubmit={needed ? submitSudo : close}
      onCancel={close}
    >
      {!needed ? (
        <p>The engine already runs as {elevation?.current}: it sees every pin and object.</p>
      ) : (
        <>
          <p>
            The engine runs as <strong>{elevation?.current ?? '…'}</strong>, so it cannot open pins whose objects need
            CAP_BPF
            {target ? (
              <>
                {' '}
                (such as <code>{target}</code>)
              </>
            ) : null}
            . Start its agent as root to see everything; until then bpfscope goes on with what it can see.
          </p>
          {pkexec && (
            <p>
              <button type="button" disabled={elevating !== null} onClick={() => void run('pkexec')}>
                Authenticate with polkit
              </button>{' '}
              <span className="note">your desktop asks for the password</span>
            </p>
          )}
          {sudo && (
            <div className="field">
              <label htmlFor={passwordId}>Password for {elevation?.user} (sudo)</label>
              <input
                id={passwordId}
                type="password"
                value={password}
                autoComplete="current-password"
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          )}
          {elevating && <p role="status">Waiting for {WAY_NAMES[elevating]}…</p>}
          {!pkexec && !sudo && elevation && (
            <p>There is no way to start the agent as root here; bpfscope stays in this limited view.</p>
          )}
          <Unavailable ways={ways.filter((w) => !w.available)} />
        </>
      )}
    </DialogFrame>
  );
}
