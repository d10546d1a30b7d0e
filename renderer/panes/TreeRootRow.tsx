// The mount root above the tree: clicking it clears the selection, so actions apply to the root again.
// A button, not a treeitem, so the tree's rows and their ARIA levels stay as they are.
import { NodeIcon } from './NodeIcon.js';

export interface TreeRootRowProps {
  /** Where the bpffs is mounted (from describe), e.g. /sys/fs/bpf. */
  mountPoint: string;
  /** True when nothing is selected, i.e. actions apply to the root. */
  isTarget: boolean;
  onSelectRoot(): void;
  /** Drop-target props for the mount root. */
  drop?: (React.HTMLAttributes<HTMLButtonElement> & { 'data-drop-target'?: 'true' }) | undefined;
}

export function TreeRootRow({ mountPoint, isTarget, onSelectRoot, drop }: TreeRootRowProps) {
  return (
    <button
      type="button"
      className={`tree-root${isTarget ? ' is-selected' : ''}${drop?.['data-drop-target'] ? ' is-drop-target' : ''}`}
      aria-label={`Mount root ${mountPoint}`}
      aria-current={isTarget ? 'true' : undefined}
      title="Select the mount root (Escape in the tree does the same)"
      onClick={onSelectRoot}
      {...drop}
    >
      <NodeIcon kind="dir" />
      <code className="tree-root-path">{mountPoint}</code>
    </button>
  );
}
