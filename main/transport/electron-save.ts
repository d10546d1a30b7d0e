// Electron: a captured snapshot saved where the user picks in the system's save dialog. The window sends a name
// and the bytes; only a path the dialog returned is written, never one the window names.
import { writeFile } from 'node:fs/promises';

import { IPC_SAVE_FILE_CHANNEL_NAME } from '../../shared/channels.js';
import type { RpcResult } from '../../shared/contract.js';
import { BpfError, ERRNO, type ErrnoCode } from '../../shared/errors.js';
import { SNAPSHOT_EXTENSION } from '../../shared/snapshot.js';

import { type IpcRegistry, isTrustedSender } from './electron-ipc.js';

/** Shows the save dialog with a suggested name; the chosen path, or undefined when cancelled. */
export type AskSavePath = (suggested: string) => Promise<string | undefined>;

export function registerSaveFile(ipc: IpcRegistry, ask: AskSavePath, rendererUrl: string): () => void {
  ipc.handle(IPC_SAVE_FILE_CHANNEL_NAME, async (event, name: unknown, bytes: unknown): Promise<RpcResult> => {
    if (!isTrustedSender(event, rendererUrl) || typeof name !== 'string' || !(bytes instanceof Uint8Array)) {
      return { ok: false, error: new BpfError('EACCES', 'Refused a save request that is not the window’s.').toWire() };
    }
    const suggested = name.replace(/[/\\]/g, '-');
    const path = await ask(suggested.endsWith(SNAPSHOT_EXTENSION) ? suggested : `${suggested}${SNAPSHOT_EXTENSION}`);
    if (path === undefined) return { ok: true, value: null } as RpcResult;
    try {
      await writeFile(path, bytes);
      return { ok: true, value: path } as RpcResult;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      const error = new BpfError(code in ERRNO ? (code as ErrnoCode) : 'EIO', `Cannot write ${path}: ${code}.`, {
        hint: 'Choose a folder you may write to, on a disk with room.',
      });
      return { ok: false, error: error.toWire() };
    }
  });
  return () => ipc.removeHandler(IPC_SAVE_FILE_CHANNEL_NAME);
}
