// The loadObject handler: the object's bytes to the engine, after the checks every request gets.
import { checkPath } from '../../shared/bpf/paths.js';
import type { Request } from '../../shared/contract.js';
import type { LoadObjectResult } from '../../shared/elf/load-result.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

export async function loadObject(engine: PinStore, req: Request<'loadObject'>): Promise<LoadObjectResult> {
  const folder = checkPath(req.folder);
  const data = req.data;
  if (data.length === 0) throw new BpfError('EINVAL', `"${req.fileName}" is empty; drop a BPF ELF object (.o).`);
  return engine.loadObject(folder, req.fileName, data);
}
