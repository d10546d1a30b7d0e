// The window: header, what this engine may not see, the agent when it is down, toolbar, panes, and the open dialog.
import { DialogHost } from './dialogs/DialogHost.js';
import { LoadErrorDialog } from './dialogs/LoadErrorDialog.js';
import { WorkflowDialogHost } from './dialogs/WorkflowDialogHost.js';
import { AccessBanner } from './panes/AccessBanner.js';
import { ConnectionBanner } from './panes/ConnectionBanner.js';
import { DetailsPane } from './panes/DetailsPane.js';
import { Header } from './panes/Header.js';
import { NoticesPane } from './panes/NoticesPane.js';
import { SideTabs } from './panes/SideTabs.js';
import { Toolbar } from './panes/Toolbar.js';
import { TreePane } from './panes/TreePane.js';
import { UndoToast } from './panes/UndoToast.js';

export function App() {
  return (
    <div className="app">
      <Header />
      <AccessBanner />
      <ConnectionBanner />
      <Toolbar />
      <main className="layout">
        <TreePane />
        <DetailsPane />
        <aside className="side">
          <SideTabs />
          <NoticesPane />
        </aside>
      </main>
      <DialogHost />
      <WorkflowDialogHost />
      <LoadErrorDialog />
      <UndoToast />
    </div>
  );
}
