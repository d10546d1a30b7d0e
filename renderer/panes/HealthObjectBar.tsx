// The object file the pins are checked against: "Check against an object file…" (or a .o dropped on the view),
// which of its maps libbpf pins by name and where, and a way to stop checking against it.
import { useShallow } from 'zustand/react/shallow';

import { useAppStore, useAppStoreApi } from '../store/context.js';

/** A file picker (an <input type=file> in the page), then the check; the keyboard way of dropping a file. */
function pickObject(onFile: (file: File) => void): void {
  document.querySelector('input[data-health-object-picker]')?.remove();
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.o,application/x-object,application/x-elf';
  input.hidden = true;
  input.setAttribute('aria-label', 'Object file to check the pins against');
  input.dataset.healthObjectPicker = '';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) onFile(file);
  });
  document.body.append(input);
  input.click();
}

export function HealthObjectBar() {
  const store = useAppStoreApi();
  const { object, checked, busy } = useAppStore(
    useShallow((s) => ({ object: s.healthObject, checked: s.health?.checkedObject, busy: s.healthBusy })),
  );
  const check = (file: File): void =>
    void file
      .arrayBuffer()
      .then((b) => store.getState().checkAgainstObject({ fileName: file.name, data: new Uint8Array(b) }));
  return (
    <div className="health-object" aria-label="Object file check">
      <button type="button" disabled={busy} onClick={() => pickObject(check)}>
        Check against an object file…
      </button>
      {object && (
        <button type="button" onClick={() => void store.getState().clearHealthObject()}>
          Stop checking against {object.fileName}
        </button>
      )}
      {checked ? (
        <p className="note">
          Checked against <code>{checked.fileName}</code>: {checked.maps} maps,{' '}
          {checked.pinnedByName.length === 0
            ? 'none pinned by name, so libbpf reuses no pin.'
            : `${checked.pinnedByName.length} pinned by name (LIBBPF_PIN_BY_NAME), looked for at ${checked.pinnedByName
                .map((m) => m.path)
                .join(', ')} under the mount root.`}
        </p>
      ) : (
        <p className="note">Drop a .o here to find the pins libbpf would refuse to reuse for it.</p>
      )}
    </div>
  );
}
