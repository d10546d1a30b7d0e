// rmdir(2) of an empty folder.
import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { ProblemText } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';

export function RemoveFolderDialog({ target }: { target: string }) {
  const kids = useAppStore((s) => s.children[target]);
  const { error, busy, run, store } = useDialogSubmit();
  const problem =
    kids && kids.length > 0
      ? {
          code: 'ENOTEMPTY',
          message: `The folder holds ${kids.length} entr${kids.length === 1 ? 'y' : 'ies'}; remove them first.`,
        }
      : undefined;

  const submit = (): void =>
    void run(`Removing folder "${target}"`, async () => {
      await store.getState().rmdir(target);
    });

  return (
    <DialogFrame
      title="Remove folder"
      submitLabel="Remove folder"
      canSubmit={!problem}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <p>
        Remove the folder <code>{target}</code>?
      </p>
      <ProblemText id="remove-folder-problem" problem={problem} />
      {/* A folder with contents can be removed recursively, after a listing. */}
      {(problem || error?.code === 'ENOTEMPTY') && (
        <button
          type="button"
          onClick={() => {
            store.getState().closeDialog();
            store.getState().openWorkflow({ kind: 'remove-tree', path: target });
          }}
        >
          Remove with contents…
        </button>
      )}
    </DialogFrame>
  );
}
