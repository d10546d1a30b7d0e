// Browser mode's window: the host rail, and one host's workspace, or two side by side.
import { AddHostDialog } from './AddHostDialog.js';
import { useHosts } from './context.js';
import { HostPromptDialog } from './HostPromptDialog.js';
import { HostRail } from './HostRail.js';
import { HostWorkspace } from './HostWorkspace.js';

export function Workbench() {
  const panes = useHosts((s) => s.panes);
  const split = panes.length > 1;
  return (
    <div className="workbench">
      <HostRail />
      <div className={`workspaces${split ? ' split' : ''}`}>
        {panes.map((id) => (
          <HostWorkspace key={id} id={id} split={split} />
        ))}
      </div>
      <AddHostDialog />
      <HostPromptDialog />
    </div>
  );
}
