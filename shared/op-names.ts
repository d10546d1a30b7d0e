// The operation names alone, for code that must not carry the schemas (the preload bundle).
// contract.test.ts checks that this list and contract.ts's schema table agree.
export const OPERATION_NAMES = [
  'describe', 'list', 'stat', 'mkdir', 'rmdir', 'rename', 'link', 'symlink', 'unlink',
  'createMap', 'loadProgram', 'pin', 'get', 'close', 'handles',
  'objectInfo', 'pathInfo', 'listObjects',
  'mapLookup', 'mapUpdate', 'mapDelete', 'mapNextKey', 'mapLookupAndDelete', 'mapDump', 'mapFreeze',
  'inspectPath', 'unlinkImpact',
  // map view sessions (issue 4)
  'mapViewOpen', 'mapViewWindow', 'mapViewConfigure', 'mapViewSeries', 'mapViewExport', 'mapViewClose',
  // pin workflows (issue 5)
  'getById', 'unlinkWithUndo', 'undoUnlink', 'removeTree',
  // load an ELF object (issue 5 §2)
  'loadObject',
  // program details (issue 5 §3, §4)
  'progDetails', 'statsEnable', 'statsDisable', 'linkDetails',
] as const;
