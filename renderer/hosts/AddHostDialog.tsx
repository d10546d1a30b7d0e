// Add a host by hand: an ssh destination (user@host:port) or a custom command whose stdin/stdout speak the agent
// protocol. The typed text is checked before anything is sent.
import { useState } from 'react';

import { parseDestination, splitCommandLine } from '../../shared/host-address.js';
import { type AddableHostSpec, hostSpecSchema } from '../../shared/hosts.js';

import { DialogFrame } from '../dialogs/DialogFrame.js';
import { useHosts } from './context.js';

type Kind = 'ssh' | 'command';

function specOf(kind: Kind, text: string, bpffs: string): { spec?: AddableHostSpec; problem?: string } {
  if (kind === 'command') {
    const argv = splitCommandLine(text);
    return argv.ok ? { spec: { kind: 'command', argv: argv.value } } : { problem: argv.error };
  }
  const dest = parseDestination(text);
  if (!dest.ok) return { problem: dest.error };
  if (bpffs.trim() === '') return { spec: dest.value };
  const spec: AddableHostSpec = { ...dest.value, bpffs: bpffs.trim() };
  const checked = hostSpecSchema.safeParse(spec);
  return checked.success
    ? { spec }
    : { problem: `The bpffs mount ${checked.error.issues[0]?.message ?? 'is invalid'}.` };
}

export function AddHostDialog() {
  const adding = useHosts((s) => s.adding);
  const add = useHosts((s) => s.add);
  const closeAdd = useHosts((s) => s.closeAdd);
  const [kind, setKind] = useState<Kind>('ssh');
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [bpffs, setBpffs] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!adding) return null;
  const { spec, problem } = specOf(kind, text, bpffs);
  const submit = async () => {
    if (!spec) return;
    setBusy(true);
    const why = await add(spec, label.trim() || undefined);
    setBusy(false);
    setRefusal(why);
    if (!why) setText('');
  };
  return (
    <DialogFrame
      title="Add host"
      submitLabel="Add and connect"
      canSubmit={spec !== undefined}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={closeAdd}
    >
      <fieldset>
        <legend>How to reach it</legend>
        <label>
          <input type="radio" name="host-kind" checked={kind === 'ssh'} onChange={() => setKind('ssh')} /> ssh
        </label>
        <label>
          <input type="radio" name="host-kind" checked={kind === 'command'} onChange={() => setKind('command')} />{' '}
          Custom command
        </label>
      </fieldset>
      <label className="field">
        <span>{kind === 'ssh' ? 'Destination (user@host:port)' : 'Command (runs the agent on its stdin/stdout)'}</span>
        <input
          className="mono"
          value={text}
          placeholder={kind === 'ssh' ? 'root@server:22' : 'kubectl exec -i pod -- bpfscope agent --stdio'}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {kind === 'ssh' && (
        <label className="field">
          <span>bpffs mount on the host (optional, default /sys/fs/bpf)</span>
          <input className="mono" value={bpffs} placeholder="/sys/fs/bpf" onChange={(e) => setBpffs(e.target.value)} />
        </label>
      )}
      {text.trim() !== '' && problem && <span className="field-problem">{problem}</span>}
      <label className="field">
        <span>Name in the list (optional)</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      {refusal && (
        <div className="dialog-error" role="alert">
          {refusal}
        </div>
      )}
    </DialogFrame>
  );
}
