// The libbpf loader child: a short-lived process that opens, loads and pins one ELF object, so that a libbpf
// crash on a malformed object ends this process and not bpfscope. It runs under node's fork (IPC) or as an
// Electron utility process (parentPort), answers one request, and is killed by the engine afterwards.
import koffi from 'koffi';

import { pinNameOf, pinNameProblem } from '../../../shared/elf/load-result.js';

import { knownSectionNames, type Libbpf, libbpfLog, loadLibbpf, openOpts, type Pointer } from './libbpf.js';
import type {
  DoneMessage,
  FailStage,
  LoadRequest,
  PinnedMap,
  PinnedProgram,
  ToChild,
  ToParent,
} from './loader-protocol.js';

interface Port {
  post(msg: ToParent): void;
  onMessage(fn: (msg: ToChild) => void): void;
}

interface ElectronParentPort {
  postMessage(msg: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
}

function parentPort(): Port {
  const electron = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electron) {
    return {
      post: (m) => electron.postMessage(m),
      onMessage: (fn) => electron.on('message', (e) => fn(e.data as ToChild)),
    };
  }
  // Without the engine there is no one to answer: stop (before "go", nothing has been pinned).
  process.on('disconnect', () => process.exit(0));
  return {
    post: (m) => process.send?.(m),
    onMessage: (fn) => process.on('message', (m) => fn(m as ToChild)),
  };
}

const EINVAL = 22;

class Failed extends Error {
  constructor(
    readonly stage: FailStage,
    readonly errno: number,
    readonly detail?: string,
  ) {
    super(`${stage} failed (${errno})`);
  }
}

function* programsOf(l: Libbpf, obj: Pointer): Generator<Pointer> {
  for (let p = l.nextProgram(obj, null) as Pointer; p !== null; p = l.nextProgram(obj, p) as Pointer) yield p;
}

function* mapsOf(l: Libbpf, obj: Pointer): Generator<Pointer> {
  for (let m = l.nextMap(obj, null) as Pointer; m !== null; m = l.nextMap(obj, m) as Pointer) yield m;
}

/** Every name a pin of this object may take: programs and maps by name, maps by their sanitized name. */
function candidatesOf(l: Libbpf, obj: Pointer): string[] {
  const names = new Set<string>();
  for (const p of programsOf(l, obj)) names.add(String(l.progName(p)));
  for (const m of mapsOf(l, obj)) {
    const name = String(l.mapName(m));
    names.add(name);
    names.add(pinNameOf(name));
  }
  return [...names];
}

function pin(l: Libbpf, fd: number, pinRoot: string, name: string): void {
  const err = Number(l.objPin(fd, `${pinRoot}/${name}`));
  if (err < 0) throw new Failed('pin', -err, name);
}

/** Pins like `bpftool prog loadall OBJ DIR pinmaps DIR`; maps libbpf pinned by name are already there. */
function pinAll(l: Libbpf, obj: Pointer, pinRoot: string): DoneMessage {
  const programs: PinnedProgram[] = [];
  const maps: PinnedMap[] = [];
  for (const p of programsOf(l, obj)) {
    const name = String(l.progName(p));
    pin(l, Number(l.progFd(p)), pinRoot, name);
    programs.push({ name, section: String(l.progSection(p)), pin: name });
  }
  for (const m of mapsOf(l, obj)) {
    const name = String(l.mapName(m));
    if (l.mapIsPinned(m)) {
      maps.push({ name, pin: name });
      continue;
    }
    pin(l, Number(l.mapFd(m)), pinRoot, pinNameOf(name));
    maps.push({ name, pin: pinNameOf(name) });
  }
  return { type: 'done', programs, maps };
}

async function serve(req: LoadRequest, port: Port, go: Promise<void>): Promise<ToParent> {
  let l: Libbpf;
  try {
    l = loadLibbpf();
  } catch (e) {
    return { type: 'failed', stage: 'libbpf', errno: 38, log: '', detail: (e as Error).message };
  }
  libbpfLog.take();
  const bytes = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
  const { opts, keep } = openOpts(req.objectName, req.pinRoot);
  const obj = l.openMem(bytes, bytes.length, opts) as Pointer;
  const openErrno = koffi.errno();
  void keep;
  if (obj === null) return { type: 'failed', stage: 'open', errno: openErrno, log: libbpfLog.take() };
  const candidates = candidatesOf(l, obj);
  const path = candidates.find((name) => pinNameProblem(name) !== undefined);
  if (path !== undefined) return { type: 'failed', stage: 'name', errno: EINVAL, log: libbpfLog.take(), detail: path };
  port.post({ type: 'plan', candidates });
  await go;
  const err = Number(l.load(obj));
  if (err < 0) {
    const log = libbpfLog.take();
    const failed: ToParent = { type: 'failed', stage: 'load', errno: -err, log };
    if (/missing BPF prog type, check ELF section name/.test(log)) failed.knownSections = knownSectionNames(l);
    return failed;
  }
  try {
    return pinAll(l, obj, req.pinRoot);
  } catch (e) {
    if (!(e instanceof Failed)) throw e;
    const failed: ToParent = { type: 'failed', stage: e.stage, errno: e.errno, log: libbpfLog.take() };
    if (e.detail !== undefined) failed.detail = e.detail;
    return failed;
  }
}

function main(): void {
  const port = parentPort();
  let release: () => void = () => {};
  const go = new Promise<void>((resolve) => {
    release = resolve;
  });
  port.onMessage((msg) => {
    if (msg.type === 'go') release();
    else void serve(msg, port, go).then((answer) => port.post(answer));
  });
}

main();
