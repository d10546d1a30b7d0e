// Transport channel names and paths, kept free of imports so the preload and renderer bundles stay small.
export const IPC_OPERATION_PREFIX = 'bpfscope:';
export const IPC_EVENT_CHANNEL_NAME = 'bpfscope:event';

/** Browser mode: the WebSocket endpoint path; the token travels as `?token=`. */
export const WS_PATH = '/rpc';
