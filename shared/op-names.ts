// The operation names alone, for code that must not carry the schemas (the preload bundle).
// contract.test.ts checks that this list and contract.ts's schema table agree.
export const OPERATION_NAMES = [
  'describe', 'list', 'stat', 'mkdir', 'rmdir', 'rename', 'link', 'symlink', 'unlink',
  'createMap', 'loadProgram', 'pin', 'get', 'close', 'handles',
  'objectInfo', 'pathInfo', 'listObjects',
  'mapLookup', 'mapUpdate', 'mapDelete', 'mapNextKey', 'mapLookupAndDelete', 'mapDump', 'mapFreeze',
  'inspectPath', 'unlinkImpact',
  // map view sessions
  'mapViewOpen', 'mapViewWindow', 'mapViewConfigure', 'mapViewSeries', 'mapViewExport', 'mapViewClose',
  // pin workflows
  'getById', 'unlinkWithUndo', 'undoUnlink', 'removeTree',
  // load an ELF object
  'loadObject',
  // program details
  'progDetails', 'statsEnable', 'statsDisable', 'linkDetails',
] as const;
