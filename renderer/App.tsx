// The window: header, what this engine may not see, the agent when it is down, toolbar, panes, the open dialog,
// and the quick jump (Ctrl+P).
import { useRef } from 'react';

import { DialogHost } from './dialogs/DialogHost.js';
import { LoadErrorDialog } from './dialogs/LoadErrorDialog.js';
import { WorkflowDialogHost } from './dialogs/WorkflowDialogHost.js';
import { AccessBanner } from './panes/AccessBanner.js';
import { ConnectionBanner } from './panes/ConnectionBanner.js';
import { Header } from './panes/Header.js';
import { Layout } from './panes/Layout.js';
import { QuickJump } from './panes/QuickJump.js';
import { Toolbar } from './panes/Toolbar.js';
import { UndoToast } from './panes/UndoToast.js';
import { useQuickJumpKey } from './panes/use-quick-jump-key.js';

export function App() {
  const root = useRef<HTMLDivElement>(null);
  useQuickJumpKey(root);
  return (
    <div className="app" ref={root}>
      <Header />
      <AccessBanner />
      <ConnectionBanner />
      <Toolbar />
      <Layout />
      <DialogHost />
      <WorkflowDialogHost />
      <LoadErrorDialog />
      <UndoToast />
      <QuickJump />
    </div>
  );
}
