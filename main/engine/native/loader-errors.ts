// What a loader child's answer means for the user: a BpfError with the message, hint and log of
// shared/elf/load-errors.ts, chosen by where the load stopped and what libbpf said.
import { joinPath } from '../../../shared/bpf/paths.js';
import { type LoadFailure, lastLines, loadError, verifierLog } from '../../../shared/elf/load-errors.js';
import { pinNameProblem } from '../../../shared/elf/load-result.js';
import { type BpfError, ERRNO, errnoCode } from '../../../shared/errors.js';

import { errnoError } from './errno.js';
import type { ChildOutcome } from './loader-spawn.js';

/** The verifier lines a message quotes: the instruction it stopped at, its verdict, the count. */
const VERIFIER_LINES = 6;
const UNKNOWN_SECTION = /prog '([^']*)': missing BPF prog type, check ELF section name '([^']*)'/;

/** libbpf's failure of bpf_object__load, classified by its log and errno. */
function loadStageFailure(errno: number, log: string, known: readonly string[]): LoadFailure {
  const section = UNKNOWN_SECTION.exec(log);
  if (section) return { kind: 'unknown-section', program: section[1]!, section: section[2]!, known };
  if (errno === ERRNO.EPERM) return { kind: 'privileges', detail: lastLines(log, 4) };
  const verifier = verifierLog(log);
  if (verifier)
    return { kind: 'verifier', program: verifier.program, detail: verifier.lines.slice(-VERIFIER_LINES).join('\n') };
  return { kind: 'other', detail: lastLines(log, 12) };
}

/** The error for everything but a successful load; `dirAbs` replaces the fd path libbpf saw as pin root. */
export function loadFailureError(
  outcome: Exclude<ChildOutcome, { type: 'done' }>,
  fileName: string,
  folder: string,
  dirAbs: string,
): BpfError {
  switch (outcome.type) {
    case 'timeout':
      return loadError(fileName, 'ETIMEDOUT', { kind: 'timeout', seconds: outcome.ms / 1000 });
    case 'spawn-error':
      return loadError(fileName, 'EIO', {
        kind: 'other',
        detail: `the libbpf loader process could not run: ${outcome.message}`,
      });
    case 'crashed':
      if (outcome.signal !== null)
        return loadError(fileName, 'EINVAL', { kind: 'crash', signal: outcome.signal }, outcome.stderr);
      return loadError(
        fileName,
        'EIO',
        { kind: 'other', detail: `the libbpf loader ended without an answer (exit code ${outcome.code ?? '?'}).` },
        outcome.stderr,
      );
    case 'failed':
      break;
  }
  const log = outcome.log.replace(/\/proc\/(?:self|\d+)\/fd\/\d+/g, dirAbs);
  const code = errnoCode(outcome.errno) ?? 'EINVAL';
  switch (outcome.stage) {
    case 'libbpf':
      return loadError(fileName, 'ENOSYS', { kind: 'no-libbpf', detail: outcome.detail ?? '' });
    case 'open':
      // libbpf's own errno values (4000+) name nothing the user knows: its log says what is wrong.
      return loadError(
        fileName,
        code,
        { kind: 'not-an-object', detail: lastLines(log, 8) || `libbpf refused it (${code}).` },
        log,
      );
    case 'name': {
      const name = outcome.detail ?? '';
      const detail = `a program or map is named "${name}", which cannot be a pin name in the folder: ${pinNameProblem(name) ?? 'refused'}.`;
      return loadError(fileName, 'EINVAL', { kind: 'not-an-object', detail }, log);
    }
    case 'load':
      return loadError(fileName, code, loadStageFailure(outcome.errno, log, outcome.knownSections ?? []), log);
    case 'pin':
      return errnoError(outcome.errno, 'Pin', joinPath(folder, outcome.detail ?? ''));
  }
}
