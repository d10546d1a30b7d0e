// What "Authenticate…" offers until the engine can be elevated from here: why objects are hidden, and how to
// start bpfscope with the privileges bpf(2) asks for.
import { limitedViewNotice, privilegeLabel } from '../../shared/bpf/privilege.js';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';

export function AuthenticateDialog({ target }: { target: string }) {
  const store = useAppStoreApi();
  const engine = useAppStore((s) => s.engine);
  const locked = useAppStore((s) => (target === '' ? undefined : s.details?.entry.noAccess));
  const close = (): void => store.getState().closeDialog();
  const mount = engine?.mountPoint ?? '/sys/fs/bpf';
  const notice = engine ? limitedViewNotice(engine) : undefined;
  return (
    <DialogFrame title="Authenticate" submitLabel="OK" canSubmit onSubmit={close} onCancel={close}>
      <p>
        This engine runs as <strong>{engine ? privilegeLabel(engine) : 'unknown'}</strong>.
        {notice ? ` ${notice.seeing}` : ''}
      </p>
      {locked && (
        <p>
          <code>{target}</code>: {locked.reason}
        </p>
      )}
      <p>
        bpfscope cannot raise its own privileges from this window yet. To see every pin and object, stop it and start it
        as root (or with CAP_BPF and CAP_SYS_ADMIN), then open the address it prints:
      </p>
      <pre className="command">sudo npm run serve -- --engine native --bpffs {mount}</pre>
    </DialogFrame>
  );
}
