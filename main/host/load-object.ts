// The loadObject handler: the object's bytes (base64 on the JSON wire until typed arrays travel natively) to the engine.
import { checkPath } from '../../shared/bpf/paths.js';
import type { Request } from '../../shared/contract.js';
import { base64ToBytes } from '../../shared/elf/base64.js';
import type { LoadObjectResult } from '../../shared/elf/load-result.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

export async function loadObject(engine: PinStore, req: Request<'loadObject'>): Promise<LoadObjectResult> {
  const folder = checkPath(req.folder);
  const data = typeof req.data === 'string' ? base64ToBytes(req.data) : req.data;
  if (!data) throw new BpfError('EINVAL', `The bytes of "${req.fileName}" are not valid base64.`);
  if (data.length === 0) throw new BpfError('EINVAL', `"${req.fileName}" is empty; drop a BPF ELF object (.o).`);
  return engine.loadObject(folder, req.fileName, data);
}
