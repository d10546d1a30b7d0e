// "Read: owner, group, others · Write: owner" for a mode, as the kernel's permission check reads it.
import { type WhoCan, whoCan } from '../../shared/bpf/permissions.js';

function classes(w: WhoCan): string {
  const names = [w.owner && 'owner', w.group && 'group', w.others && 'everyone'].filter(Boolean);
  return names.length === 0 ? 'root only' : `${names.join(', ')} (and root)`;
}

export function WhoCanText({ mode }: { mode: number }) {
  return (
    <span className="who-can">
      Read: {classes(whoCan(mode, 4))} · Write: {classes(whoCan(mode, 2))}
    </span>
  );
}
