// The pin-workflow dialogs (Pin here, Pin to…, name conflict, recursive removal), keyed so each opening starts fresh.
import { useAppStore } from '../store/context.js';
import { ConflictDialog } from './ConflictDialog.js';
import { PinSourceDialog } from './PinSourceDialog.js';
import { RemoveTreeDialog } from './RemoveTreeDialog.js';

export function WorkflowDialogHost() {
  const d = useAppStore((s) => s.workflow);
  if (!d) return null;
  switch (d.kind) {
    case 'pin-here':
      return <PinSourceDialog key={`here:${d.folder}:${d.source.id}`} source={d.source} folder={d.folder} />;
    case 'pin-to':
      return <PinSourceDialog key={`to:${d.source.kind}:${d.source.id}`} source={d.source} />;
    case 'conflict':
      return <ConflictDialog key={`${d.from}>${d.to}`} d={d} />;
    case 'remove-tree':
      return <RemoveTreeDialog key={d.path} path={d.path} />;
  }
}
