// Electron IPC channel names, kept free of imports so the preload bundle stays tiny.
export const IPC_OPERATION_PREFIX = 'bpfscope:';
export const IPC_EVENT_CHANNEL_NAME = 'bpfscope:event';
