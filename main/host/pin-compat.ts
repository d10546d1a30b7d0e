// An object file's LIBBPF_PIN_BY_NAME maps against the pins libbpf would reuse under the pin root: each pin it
// would refuse becomes an incompatible-pin finding that names the differing fields and the errno of the load.
import { execFileSync } from 'node:child_process';

import type { PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';
import {
  describeMismatch,
  LIBBPF_PIN_BY_NAME,
  objectMapDefs,
  type ReuseHost,
  reuseMismatches,
  reusePinPath,
} from '../../shared/pin-compat.js';
import { type CheckedObject, HEALTH_MEANING, type HealthFinding, loaderOf } from '../../shared/pin-health.js';

export interface ObjectFile {
  fileName: string;
  data: Uint8Array;
}

let pageSize: number | undefined;

/** The host's page size (libbpf rounds ring buffer sizes to it); 4096 when getconf cannot say. */
function hostPageSize(): number {
  if (pageSize === undefined) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8', stdio: 'pipe' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  return pageSize;
}

const REFUSED = 'libbpf would refuse to reuse this pin';

function finding(path: string, object: HealthFinding['object'], detail: string, extra = {}): HealthFinding {
  const loader = loaderOf(path);
  return {
    kind: 'incompatible-pin',
    pins: [path],
    object,
    meaning: HEALTH_MEANING['incompatible-pin'],
    detail,
    ...(loader ? { loader } : {}),
    ...extra,
  };
}

export async function checkObjectPins(
  engine: PinStore,
  pinRoot: string,
  file: ObjectFile,
): Promise<{ findings: HealthFinding[]; checked: CheckedObject }> {
  let defs;
  try {
    defs = objectMapDefs(file.data);
  } catch (e) {
    if (!isBpfError(e)) throw e;
    throw new BpfError(e.code, `"${file.fileName}" cannot be checked: ${e.message}`, {
      hint: 'Drop a BPF object built with clang -target bpf -g (its maps defined in SEC(".maps")).',
    });
  }
  const desc = engine.describe();
  const host: ReuseHost = {
    possibleCpus: desc.possibleCpus,
    pageSize: desc.engine === 'native' ? hostPageSize() : 4096,
  };
  const byName = defs.filter((d) => d.pinning === LIBBPF_PIN_BY_NAME);
  const findings: HealthFinding[] = [];
  for (const def of byName) {
    const path = reusePinPath(pinRoot, def);
    const unknown = { kind: 'map' as const, id: 0, type: def.type, name: def.name };
    let entry;
    try {
      entry = await engine.stat(path);
    } catch (e) {
      if (isBpfError(e) && e.code === 'ENOENT') continue; // libbpf creates the map and pins it: fine.
      throw e;
    }
    if (entry.kind === 'dir') {
      findings.push(
        finding(path, unknown, `A folder is at this path, not a map: ${REFUSED}: bpf_object__load fails with EACCES.`),
      );
      continue;
    }
    let info;
    try {
      info = await engine.pathInfo(path);
    } catch (e) {
      if (!isBpfError(e)) throw e;
      findings.push(
        finding(
          path,
          unknown,
          `libbpf cannot open this pin either (${e.code}): bpf_object__load fails with ${e.code}.`,
        ),
      );
      continue;
    }
    const object = { kind: info.kind, id: info.id, type: info.type, name: info.kind === 'link' ? '' : info.name };
    if (info.kind !== 'map') {
      findings.push(
        finding(
          path,
          object,
          `A ${info.kind} is pinned here, not map "${def.name}": ${REFUSED}: bpf_object__load fails with EINVAL.`,
        ),
      );
      continue;
    }
    const mismatches = reuseMismatches(def, info, host);
    if (mismatches.length === 0) continue;
    const diff = mismatches.map((m) => describeMismatch(m, file.fileName)).join('; ');
    findings.push(finding(path, object, `${diff} — ${REFUSED}: bpf_object__load fails with EINVAL.`, { mismatches }));
  }
  const pinnedByName = byName.map((d) => ({ map: d.name, path: reusePinPath(pinRoot, d) }));
  return { findings, checked: { fileName: file.fileName, pinnedByName, maps: defs.length } };
}
