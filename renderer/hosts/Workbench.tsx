// Browser mode's window: the host rail, and one host's workspace, or two side by side.
import { AddHostDialog } from './AddHostDialog.js';
import { CaptureDialog } from './CaptureDialog.js';
import { useHosts } from './context.js';
import { DiffView } from './DiffView.js';
import { HostPromptDialog } from './HostPromptDialog.js';
import { HostRail } from './HostRail.js';
import { HostWorkspace } from './HostWorkspace.js';
import { dragHasFiles, droppedSnapshots } from './OpenSnapshot.js';

export function Workbench() {
  const panes = useHosts((s) => s.panes);
  const openSnapshot = useHosts((s) => s.openSnapshotFile);
  const split = panes.length > 1;
  return (
    // A .bpfsnap dropped anywhere opens as a host, before a folder below could take it for an object file.
    <div
      className="workbench"
      onDragOver={(e) => {
        if (dragHasFiles(e)) e.preventDefault();
      }}
      onDropCapture={(e) => {
        const files = droppedSnapshots(e);
        if (files.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        for (const f of files) void openSnapshot(f);
      }}
    >
      <HostRail />
      <div className={`workspaces${split ? ' split' : ''}`}>
        {panes.map((id) => (
          <HostWorkspace key={id} id={id} split={split} />
        ))}
      </div>
      <AddHostDialog />
      <HostPromptDialog />
      <CaptureDialog />
      <DiffView />
    </div>
  );
}
