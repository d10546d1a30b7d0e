// What bpf(2) lets a caller see, by its credentials, and how to say so. bpf_capable() is CAP_BPF or CAP_SYS_ADMIN;
// walking ids (*_GET_NEXT_ID, *_GET_FD_BY_ID) needs CAP_SYS_ADMIN; BPF_OBJ_GET checks the pin's file mode.
import type { EngineDescription, EnginePrivilege, NoAccess, PreloadedIterator } from '../engine.js';

/** Whether every object, pinned or not, can be opened and listed: root, or CAP_SYS_ADMIN (with CAP_BPF). */
export function seesEverything(p: EnginePrivilege): boolean {
  return p.capSysAdmin;
}

/** What the header says: "native — root", "native — uid 1000, no CAP_BPF". */
export function privilegeLabel(d: EngineDescription): string {
  const p = d.privilege;
  if (d.engine !== 'native' || p === undefined) return d.engine;
  if (seesEverything(p)) return p.uid === 0 ? 'native — root' : `native — uid ${p.uid}, CAP_BPF + CAP_SYS_ADMIN`;
  return p.capBpf ? `native — uid ${p.uid}, CAP_BPF without CAP_SYS_ADMIN` : `native — uid ${p.uid}, no CAP_BPF`;
}

/** The banner of a limited view: what the user is seeing, and how to see everything; undefined when nothing is hidden. */
export function limitedViewNotice(d: EngineDescription): { seeing: string; howToSeeAll: string } | undefined {
  const p = d.privilege;
  if (d.engine !== 'native' || p === undefined || seesEverything(p)) return undefined;
  return {
    seeing:
      `${privilegeLabel(d)}: names and modes only. Pins whose file mode lets uid ${p.uid} open them show their ` +
      'objects; the others show a lock, and objects that are not pinned are not listed.',
    howToSeeAll:
      'To see everything, choose Authenticate… or start bpfscope as root (sudo npm run serve -- --engine native).',
  };
}

const octal = (mode: number): string => `0${(mode & 0o7777).toString(8)}`;

/** Why BPF_OBJ_GET refused this caller the pin, in one sentence. */
export function noAccessReason(
  code: NoAccess['code'],
  pin: { mode: number; uid: number; gid: number },
  p: EnginePrivilege | undefined,
): string {
  const who = p === undefined ? 'this process' : `uid ${p.uid}`;
  if (code === 'EACCES') {
    return (
      `The pin's mode ${octal(pin.mode)} (owner uid ${pin.uid}, gid ${pin.gid}) does not let ${who} open it ` +
      '(EACCES from bpf(BPF_OBJ_GET)).'
    );
  }
  const sysctl = p?.unprivilegedBpfDisabled;
  const why =
    sysctl === undefined || sysctl === 0
      ? `${who} lacks CAP_BPF`
      : `unprivileged BPF is disabled on this host (kernel.unprivileged_bpf_disabled = ${sysctl}) and ${who} has no CAP_BPF`;
  return `bpf(BPF_OBJ_GET) refused to open it (EPERM): ${why}.`;
}

const PRELOADED: Record<string, PreloadedIterator> = { 'maps.debug': 'maps', 'progs.debug': 'progs' };

/**
 * The iterator pins the kernel makes at the root of every new mount (CONFIG_BPF_PRELOAD). Their names hold a dot,
 * which bpffs refuses to anyone else (EPERM), so the name at the root is proof enough.
 */
export function preloadedIterator(path: string): PreloadedIterator | undefined {
  return path.includes('/') ? undefined : PRELOADED[path];
}

/** What a preloaded iterator pin is, for its details. */
export function preloadedText(it: PreloadedIterator): string {
  return (
    `Made by the kernel in every new bpffs mount (bpf_preload): an iterator link; reading the file (cat) lists ` +
    `every ${it === 'maps' ? 'map' : 'program'}. bpf(BPF_OBJ_GET) cannot open it (ENOENT), even as root.`
  );
}
