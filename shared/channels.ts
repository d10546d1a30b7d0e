// Transport channel names and paths, kept free of imports so the preload and renderer bundles stay small.
export const IPC_OPERATION_PREFIX = 'bpfscope:';
export const IPC_EVENT_CHANNEL_NAME = 'bpfscope:event';

/** Browser mode: the WebSocket endpoint path; the token travels as `?token=`. */
export const WS_PATH = '/rpc';

/** Browser mode: the host list's control channel (list, add, connect, answer questions); token as for WS_PATH. */
export const HOSTS_WS_PATH = '/hosts';

/** Electron: the host list's control channel (invoke with op and request) and its pushed events. */
export const IPC_HOSTS_CHANNEL_NAME = 'bpfscope:hosts';
export const IPC_HOST_EVENT_CHANNEL_NAME = 'bpfscope:host-event';

/** Electron: save a captured snapshot through the system's save dialog (invoke with a file name and the bytes). */
export const IPC_SAVE_FILE_CHANNEL_NAME = 'bpfscope:save-file';
