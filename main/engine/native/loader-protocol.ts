// The messages between the engine and its libbpf loader child (structured clone over IPC / a MessagePort).
// The child opens the object, announces every name it may pin, waits for "go", loads, pins, reports.

/** Engine → child: the object and where to pin. */
export interface LoadRequest {
  type: 'load';
  data: Uint8Array;
  /** libbpf's object name (the file name up to its first dot), which prefixes internal map names. */
  objectName: string;
  /** The folder to pin into and libbpf's pin_root_path: a /proc/.../fd/N path of the engine's folder fd. */
  pinRoot: string;
}

/** Engine → child: the engine has noted which of the announced names existed; pinning may start. */
export interface GoMessage {
  type: 'go';
}

export type ToChild = LoadRequest | GoMessage;

/** Child → engine, before anything is pinned: every name a pin of this load may get under the folder. */
export interface PlanMessage {
  type: 'plan';
  candidates: string[];
}

export interface PinnedProgram {
  name: string;
  section: string;
  /** The name of its pin in the folder. */
  pin: string;
}

export interface PinnedMap {
  name: string;
  pin: string;
}

export interface DoneMessage {
  type: 'done';
  programs: PinnedProgram[];
  maps: PinnedMap[];
}

/**
 * Where the load stopped: libbpf missing, open (ELF / BTF parsing), a name that is a path (`detail`), load (maps,
 * verifier), or our pins.
 */
export type FailStage = 'libbpf' | 'open' | 'name' | 'load' | 'pin';

export interface FailedMessage {
  type: 'failed';
  stage: FailStage;
  errno: number;
  /** Every warning libbpf printed, verifier log included, as printed. */
  log: string;
  /** stage 'pin': the pin name that failed; 'name': the name that is a path; 'libbpf': why it could not be loaded. */
  detail?: string;
  /** Section names this libbpf knows, when a program's section named none of them. */
  knownSections?: string[];
}

export type ToParent = PlanMessage | DoneMessage | FailedMessage;
