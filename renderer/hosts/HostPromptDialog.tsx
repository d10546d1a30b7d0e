// A question ssh, its askpass or sudo asks on the way in (a host key to trust, a password), in bpfscope's own
// dialog; never on a terminal. A secret answer is typed into a password field and goes only to the asker.
import { useState } from 'react';

import type { HostPrompt } from '../../shared/hosts.js';

import { DialogFrame } from '../dialogs/DialogFrame.js';
import { useHosts } from './context.js';

const TITLES: Record<HostPrompt['kind'], string> = {
  hostkey: 'Trust this host key?',
  password: 'Password',
  passphrase: 'Key passphrase',
  'sudo-password': 'sudo password',
  other: 'Question',
};

function PromptForm({ prompt }: { prompt: HostPrompt }) {
  const answer = useHosts((s) => s.answer);
  const label = useHosts((s) => s.host(prompt.hostId)?.label ?? prompt.hostId);
  const [text, setText] = useState('');
  const yesNo = prompt.kind === 'hostkey';
  return (
    <DialogFrame
      title={TITLES[prompt.kind]}
      submitLabel={yesNo ? 'Trust and connect' : 'OK'}
      canSubmit={yesNo || text !== ''}
      onSubmit={() => void answer(prompt.id, yesNo ? 'yes' : text)}
      onCancel={() => void answer(prompt.id, null)}
    >
      <p>{label} asks:</p>
      <pre className="prompt-text">{prompt.text}</pre>
      {!yesNo && (
        <label className="field">
          <span>Answer</span>
          <input
            type={prompt.secret ? 'password' : 'text'}
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      )}
    </DialogFrame>
  );
}

export function HostPromptDialog() {
  const prompt = useHosts((s) => s.prompts[0]);
  return prompt ? <PromptForm key={prompt.id} prompt={prompt} /> : null;
}
