// The native engine: PinStore on a real bpffs mount with real bpf(2).
export { createNativeEngine, type NativeEngineOptions } from './engine.js';
export { bpffsMounts, checkBpffsRoot, possibleCpuCount } from './mount.js';
