// Renders the open dialog, if any; keyed so each opening starts fresh.
import { useAppStore } from '../store/context.js';
import { AddPinDialog } from './AddPinDialog.js';
import { AuthenticateDialog } from './AuthenticateDialog.js';
import { CloseHandleDialog } from './CloseHandleDialog.js';
import { GetDialog } from './GetDialog.js';
import { LoadProgramDialog } from './LoadProgramDialog.js';
import { NewFolderDialog } from './NewFolderDialog.js';
import { NewMapDialog } from './NewMapDialog.js';
import { PermissionsDialog } from './PermissionsDialog.js';
import { PinHandleDialog } from './PinHandleDialog.js';
import { RemoveFolderDialog } from './RemoveFolderDialog.js';
import { RenameDialog } from './RenameDialog.js';
import { UnlinkDialog } from './UnlinkDialog.js';

export function DialogHost() {
  const dialog = useAppStore((s) => s.dialog);
  if (!dialog) return null;
  const { kind, target, handle } = dialog;
  const key = `${kind}:${target}:${handle ?? ''}`;
  switch (kind) {
    case 'new-folder':
      return <NewFolderDialog key={key} target={target} />;
    case 'new-map':
      return <NewMapDialog key={key} target={target} />;
    case 'load-program':
      return <LoadProgramDialog key={key} target={target} />;
    case 'pin-handle':
      return <PinHandleDialog key={key} target={target} handle={handle} />;
    case 'get':
      return <GetDialog key={key} target={target} />;
    case 'rename':
      return <RenameDialog key={key} target={target} />;
    case 'add-pin':
      return <AddPinDialog key={key} target={target} />;
    case 'unlink':
      return <UnlinkDialog key={key} target={target} />;
    case 'remove-folder':
      return <RemoveFolderDialog key={key} target={target} />;
    case 'close-handle':
      return <CloseHandleDialog key={key} handle={handle} />;
    case 'authenticate':
      return <AuthenticateDialog key={key} target={target} />;
    case 'permissions':
      return <PermissionsDialog key={key} target={target} />;
  }
}
