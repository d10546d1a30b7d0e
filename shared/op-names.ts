// The operation names alone, for code that must not carry the schemas (the preload bundle).
// contract.ts proves at compile time that this list and its schema table agree.
export const OPERATION_NAMES = [
  'describe',
  'list',
  'stat',
  'mkdir',
  'rmdir',
  'rename',
  'link',
  'symlink',
  'unlink',
  'chmod',
  'chown',
  'createMap',
  'loadProgram',
  'pin',
  'get',
  'close',
  'handles',
  'objectInfo',
  'pathInfo',
  'listObjects',
  'mapLookup',
  'mapUpdate',
  'mapDelete',
  'mapNextKey',
  'mapLookupAndDelete',
  'mapDump',
  'mapFreeze',
  'inspectPath',
  'unlinkImpact',
  // Element edits by path, on a handle the user never sees
  'mapUpdateAt',
  'mapDeleteAt',
  'mapLookupAt',
  // Map view sessions
  'mapViewOpen',
  'mapViewWindow',
  'mapViewConfigure',
  'mapViewSeries',
  'mapViewExport',
  'mapViewClose',
  // Pin workflows
  'getById',
  'unlinkWithUndo',
  'undoUnlink',
  'listHeld',
  'removeTree',
  // Load an ELF object
  'loadObject',
  // Program details
  'progDetails',
  'statsEnable',
  'statsDisable',
  'linkDetails',
  // Permissions
  'hostAccounts',
  // Pin health
  'pinHealth',
  // Snapshot capture: raw reads the UI process writes into a .bpfsnap file
  'captureObject',
  'captureMapEntries',
  'btfData',
  // Mounts
  'mounts',
  'openMount',
  // The connection to the engine's host
  'connectionStatus',
  'reconnect',
  'elevation',
  'elevate',
] as const;
