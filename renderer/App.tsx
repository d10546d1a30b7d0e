// The window: header, what this engine may not see, the agent when it is down, toolbar, panes, and the open dialog.
import { DialogHost } from './dialogs/DialogHost.js';
import { LoadErrorDialog } from './dialogs/LoadErrorDialog.js';
import { WorkflowDialogHost } from './dialogs/WorkflowDialogHost.js';
import { AccessBanner } from './panes/AccessBanner.js';
import { ConnectionBanner } from './panes/ConnectionBanner.js';
import { Header } from './panes/Header.js';
import { Layout } from './panes/Layout.js';
import { Toolbar } from './panes/Toolbar.js';
import { UndoToast } from './panes/UndoToast.js';

export function App() {
  return (
    <div className="app">
      <Header />
      <AccessBanner />
      <ConnectionBanner />
      <Toolbar />
      <Layout />
      <DialogHost />
      <WorkflowDialogHost />
      <LoadErrorDialog />
      <UndoToast />
    </div>
  );
}
