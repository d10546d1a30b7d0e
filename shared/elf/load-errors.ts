// Why loading an ELF object failed, in words both engines share: the message, the hint (chosen here, by what
// failed, and nowhere else) and libbpf's whole log, which travels with the error for the error dialog.
import { BpfError, type ErrnoCode } from '../errors.js';

export type LoadFailure =
  /** The file is no BPF ELF object (the ELF reader or libbpf refused it); `detail` says what is wrong. */
  | { kind: 'not-an-object'; detail: string }
  /** A program's section names no program type. */
  | { kind: 'unknown-section'; program: string; section: string; known: readonly string[] }
  /** EPERM from bpf(2): not privileged enough. */
  | { kind: 'privileges'; detail: string }
  /** The verifier rejected a program; `program` when known. */
  | { kind: 'verifier'; program?: string; detail: string }
  | { kind: 'crash'; signal: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'no-libbpf'; detail: string }
  /** Anything else libbpf refused (BTF, map creation, relocation). */
  | { kind: 'other'; detail: string };

/** The largest log sent with an error: the wire carries at most a few MiB per frame. */
export const MAX_LOG_CHARS = 4 << 20;
const LOG_HEAD_CHARS = 64 * 1024;

const quote = (s: string): string => `"${s}"`;

/** What the user can do about it: one hint per kind of failure. */
export function loadHint(f: LoadFailure): string {
  switch (f.kind) {
    case 'not-an-object':
      return 'Drop an object compiled with clang -O2 -g -target bpf -c (a relocatable BPF ELF file).';
    case 'unknown-section':
      return (
        `Put the program in a section whose name starts with one of the names libbpf knows, e.g. SEC("xdp") or ` +
        `SEC("kprobe/do_sys_open"): ${f.known.join(', ')}.`
      );
    case 'privileges':
      return (
        'Loading programs needs root, or CAP_BPF plus CAP_PERFMON (tracing) or CAP_NET_ADMIN (networking) and ' +
        'CAP_SYS_ADMIN for some types: run bpfscope as root.'
      );
    case 'verifier':
      return (
        "The verifier's last lines say why: the instruction it stopped at (with the register state there), then " +
        'its verdict, then how many instructions it processed.'
      );
    case 'crash':
      return (
        'The object is malformed in a way this libbpf does not check. bpfscope is unaffected and nothing was ' +
        'pinned; rebuild the object with clang -O2 -g -target bpf -c.'
      );
    case 'timeout':
      return 'Very large programs can take the verifier long; try again, or load it with bpftool prog loadall.';
    case 'no-libbpf':
      return 'Install the libbpf1 package (apt-get install libbpf1), then try again.';
    case 'other':
      return "libbpf's last lines above say what it refused.";
  }
}

function messageOf(fileName: string, code: ErrnoCode, f: LoadFailure): string {
  const file = quote(fileName);
  switch (f.kind) {
    case 'not-an-object':
      return `${file} is not a BPF ELF object that can be loaded: ${f.detail}`;
    case 'unknown-section':
      return `Program ${quote(f.program)} of ${file} is in section ${quote(f.section)}, which names no program type.`;
    case 'privileges':
      return `Loading ${file} was refused (EPERM): ${f.detail}`;
    case 'verifier':
      return `Loading ${file} failed: the verifier rejected ${f.program ? `program ${quote(f.program)}` : 'a program'} (${code}):\n${f.detail}`;
    case 'crash':
      return `libbpf crashed reading ${file} (${f.signal}); the object was not loaded.`;
    case 'timeout':
      return `Loading ${file} took longer than ${f.seconds} s; the loader was stopped and nothing was pinned.`;
    case 'no-libbpf':
      return `Loading ELF objects needs libbpf.so.1, which could not be opened: ${f.detail}`;
    case 'other':
      return `Loading ${file} failed (${code}):\n${f.detail}`;
  }
}

/** The error for a failed load; `log` (libbpf's messages, verifier log included) is kept, its end first. */
export function loadError(fileName: string, code: ErrnoCode, f: LoadFailure, log?: string): BpfError {
  const opts: { hint: string; log?: string } = { hint: loadHint(f) };
  if (log !== undefined && log.trim() !== '') opts.log = collapseLog(log, MAX_LOG_CHARS);
  return new BpfError(code, messageOf(fileName, code, f).trim(), opts);
}

/** The log cut to about `max` characters: whole lines of its start and its end, and a line saying what is left out. */
export function collapseLog(log: string, max: number): string {
  if (log.length <= max) return log;
  const start = log.slice(0, Math.min(LOG_HEAD_CHARS, max / 4));
  const head = start.slice(0, start.lastIndexOf('\n') + 1);
  const end = log.slice(log.length - (max - head.length));
  const tail = end.slice(end.indexOf('\n') + 1);
  const dropped = log.slice(head.length, log.length - tail.length);
  const lines = dropped.split('\n').length - 1;
  return `${head}… ${lines} lines (${dropped.length} characters) left out …\n${tail}`;
}

/** The verifier's own lines of the last program log libbpf printed, or undefined when there is none. */
export function verifierLog(log: string): { program: string; lines: string[] } | undefined {
  const begin = /prog '([^']*)': -- BEGIN PROG LOAD LOG --\n/g;
  let last: RegExpExecArray | null = null;
  for (let m = begin.exec(log); m; m = begin.exec(log)) last = m;
  if (!last) return undefined;
  const start = last.index + last[0].length;
  const end = log.indexOf('-- END PROG LOAD LOG --', start);
  const body = log.slice(start, end < 0 ? undefined : end);
  return { program: last[1]!, lines: body.split('\n').filter((l) => l.trim() !== '') };
}

/** The last `n` lines of libbpf's log worth showing in a message (its "libbpf: " prefixes dropped). */
export function lastLines(log: string, n: number): string {
  return log
    .split('\n')
    .filter((l) => l.trim() !== '' && !/-- (BEGIN|END) PROG LOAD LOG --/.test(l))
    .slice(-n)
    .map((l) => l.replace(/^libbpf: /, ''))
    .join('\n');
}
