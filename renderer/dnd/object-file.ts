// ELF object files (.o) from the desktop: dropped on a folder of the tree, or picked with "Load object file…",
// their bytes go to main (loadObject) which loads and pins every program and map under the folder.
import type { LoadObjectResult } from '../../shared/elf/load-result.js';
import { BpfError } from '../../shared/errors.js';

import { toWire } from '../dialogs/use-dialog-submit.js';
import type { AppState } from '../store/types.js';

/** The WebSocket takes frames up to 8 MiB; the bytes travel as they are, with room for the frame's header. */
const MAX_OBJECT_BYTES = 6 * 1024 * 1024;

type LoadState = Pick<AppState, 'loadObject' | 'notifyInfo' | 'notifyError' | 'showLoadFailure'>;

/** What the notice says after a load: every pin, with type and id. */
export function describeLoad(fileName: string, folder: string, r: LoadObjectResult): string {
  const list = (items: { name: string; type: string; id: number }[]): string =>
    items.map((i) => `${i.name} (${i.type} #${i.id})`).join(', ') || 'none';
  return (
    `Loaded ${fileName} into ${folder === '' ? 'the mount root' : `${folder}/`}: ` +
    `programs ${list(r.programs)}; maps ${list(r.maps)}.`
  );
}

/** Reads the file, sends it to main and reports the result; never throws. */
export async function loadObjectFile(
  state: LoadState,
  folder: string,
  file: Pick<File, 'name' | 'arrayBuffer'>,
): Promise<boolean> {
  const context = `Loading ${file.name} into ${folder === '' ? 'the mount root' : folder}`;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length > MAX_OBJECT_BYTES) {
      throw new BpfError(
        'E2BIG',
        `${file.name} is ${(bytes.length / 1048576).toFixed(1)} MiB; objects up to 6 MiB can be loaded.`,
        {
          hint: 'Load larger objects with bpftool prog loadall.',
        },
      );
    }
    // Base64 until the WebSocket transport carries typed arrays; the contract already accepts a Uint8Array.
    const result = await state.loadObject(folder, file.name, bytes);
    state.notifyInfo(describeLoad(file.name, folder, result));
    return true;
  } catch (err) {
    state.notifyError(err, context);
    state.showLoadFailure({ fileName: file.name, folder, error: toWire(err) });
    return false;
  }
}

/** Whether a drag carries files from outside the page (the desktop's file manager). */
export function isFileDrag(dt: DataTransfer | null): boolean {
  return [...(dt?.types ?? [])].includes('Files');
}

/** dragover of a file drag on a folder: accept it as a copy. False when the drag holds no files. */
export function acceptFileDrag(e: React.DragEvent): boolean {
  if (!isFileDrag(e.dataTransfer)) return false;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
  return true;
}

/** drop of files on a folder: loads each object in turn. False when the drop holds no files. */
export function dropObjectFiles(e: React.DragEvent, state: LoadState, folder: string): boolean {
  const files = [...(e.dataTransfer?.files ?? [])];
  if (files.length === 0) return false;
  e.preventDefault();
  void (async () => {
    for (const f of files) await loadObjectFile(state, folder, f);
  })();
  return true;
}

/** The keyboard path: a file picker (an <input type=file> in the page), then the same load. */
export function pickObjectFile(state: LoadState, folder: string): void {
  document.querySelector('input[data-object-file-picker]')?.remove();
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.o,application/x-object,application/x-elf';
  input.hidden = true;
  input.setAttribute('aria-label', 'Object file to load');
  input.dataset.objectFilePicker = folder;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void loadObjectFile(state, folder, file);
  });
  document.body.append(input);
  input.click();
}
