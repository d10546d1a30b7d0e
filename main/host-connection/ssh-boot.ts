// The remote half of "the agent gets there by itself", after Cockpit's beiboot: ssh runs a small sh script, which
// finds node, and a Node.js boot program (argv only, nothing on disk yet). The boot uses an installed `bpfscope`
// whose agent speaks our protocol, else ~/.cache/bpfscope/agent-VERSION when every file's SHA-256 matches, else
// asks for the files on stderr ("bpfscope-boot: send ARCH BYTES"), reads them gzipped from stdin, checks each file
// and moves the directory into place. The script then prints "bpfscope-boot: run" on stdout and execs the agent
// (when asked to elevate: through `sudo -n`, else `sudo -S` reading the password from stdin), so that stdout
// carries only frames from there on.
import type { AgentPayload } from './ssh-payload.js';

/** Lines the remote side writes on stderr (and the run line on stdout) start with this. */
export const BOOT_MARK = 'bpfscope-boot: ';

/** Runs under the remote's node (any version: it checks that first); plain ES2017, no template literals. */
const BOOT_JS = String.raw`'use strict';
const fs = require('fs'), path = require('path'), crypto = require('crypto'), cp = require('child_process');
const say = (m) => fs.writeSync(2, 'bpfscope-boot: ' + m + '\n');
const spec = JSON.parse(process.argv[1]);
if (Number(process.versions.node.split('.')[0]) < 20) { say('node-too-old ' + process.version + ' ' + process.execPath); process.exit(3); }
function installed() {
  for (const d of (process.env.PATH || '').split(':')) {
    const p = path.join(d || '.', 'bpfscope');
    try { fs.accessSync(p, fs.constants.X_OK); } catch (e) { continue; }
    const r = cp.spawnSync(p, ['agent', '--stdio', '--engine', 'emulated', '--empty'], { input: '', timeout: 15000 });
    const out = r.stdout;
    if (!out || out.length < 8) return null;
    try { const h = JSON.parse(out.subarray(8, 8 + out.readUInt32LE(0)).toString()).hello; return h && h.protocol === spec.protocol ? p : null; } catch (e) { return null; }
  }
  return null;
}
const inst = spec.useInstalled ? installed() : null;
if (inst) { say('installed ' + inst); process.stdout.write('installed:' + inst + '\n'); process.exit(0); }
const files = spec.arches[process.arch];
if (!files) { say('no-arch ' + process.arch + ' ' + Object.keys(spec.arches).join(',')); process.exit(3); }
const base = path.join(process.env.XDG_CACHE_HOME || path.join(require('os').homedir(), '.cache'), 'bpfscope');
const dir = path.join(base, 'agent-' + spec.version);
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const same = (f) => { try { const b = fs.readFileSync(path.join(dir, f[0])); return b.length === f[1] && sha(b) === f[2]; } catch (e) { return false; } };
const done = () => { process.stdout.write('cache:' + path.join(dir, 'bpfscope-agent.cjs') + '\n'); process.exit(0); };
function store(payload) {
  const tmp = dir + '.tmp-' + process.pid;
  fs.rmSync(tmp, { recursive: true, force: true });
  let off = 0;
  for (const f of files) {
    const b = payload.subarray(off, off += f[1]);
    if (sha(b) !== f[2]) { fs.rmSync(tmp, { recursive: true, force: true }); say('error ' + f[0] + ' arrived damaged (SHA-256 mismatch)'); process.exit(3); }
    const to = path.join(tmp, f[0]);
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
    fs.writeFileSync(to, b, { mode: f[3] });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  try { fs.renameSync(tmp, dir); } catch (e) { fs.rmSync(tmp, { recursive: true, force: true }); if (!files.every(same)) throw e; }
  say('stored ' + dir);
  done();
}
if (files.every(same)) { say('reuse ' + dir); done(); }
else {
  const total = files.reduce((s, f) => s + f[1], 0);
  fs.mkdirSync(base, { recursive: true, mode: 0o700 });
  say('send ' + process.arch + ' ' + total);
  // The payload: u32 LE length, then that many bytes of gzip. Nothing follows it on stdin until this process has
  // exited, so a stream may read ahead freely.
  const chunks = []; let got = 0;
  process.stdin.on('data', (c) => {
    chunks.push(c); got += c.length;
    const head = Buffer.concat(chunks); chunks.length = 0; chunks.push(head);
    if (got < 4 || got < 4 + head.readUInt32LE(0)) return;
    process.stdin.pause();
    let payload;
    try { payload = require('zlib').gunzipSync(head.subarray(4, 4 + head.readUInt32LE(0))); } catch (e) { say('error the payload is not gzip (' + e.message + ')'); process.exit(3); }
    if (payload.length !== total) { say('error the payload has ' + payload.length + ' bytes, not ' + total); process.exit(3); }
    store(payload);
  });
  process.stdin.on('end', () => { if (got < total) { say('error the payload ended after ' + got + ' of ' + total + ' bytes'); process.exit(3); } });
}
`;

/** $1 the boot program, $2 its spec, $3 "sudo" or "none", then the agent's options. */
const BOOT_SH = `B=$1 S=$2 E=$3; shift 3
N=$(command -v node) || { echo "${BOOT_MARK}no-node $PATH" >&2; exit 127; }
R=$("$N" -e "$B" "$S") || exit $?
case $R in
installed:*) set -- "\${R#installed:}" agent --stdio "$@" ;;
cache:*) set -- "$N" "\${R#cache:}" agent --stdio "$@" ;;
*) echo "${BOOT_MARK}error the boot said: $R" >&2; exit 3 ;;
esac
if [ "$E" = sudo ] && [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "${BOOT_MARK}no-sudo" >&2; exit 126; }
  echo "${BOOT_MARK}run"
  sudo -n true 2>/dev/null && exec sudo -n -- "$@"
  exec sudo -S -p "${BOOT_MARK}sudo-password %p@%H
" -- "$@"
fi
echo "${BOOT_MARK}run"
exec "$@"`;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface BootOptions {
  payload: AgentPayload;
  agentArgs: string[];
  elevate: 'sudo' | 'none';
  /** Use a `bpfscope` on the remote's PATH when its agent speaks our protocol. */
  useInstalled: boolean;
}

/** The one remote command line ssh sends (the remote login shell parses it, so every word is quoted). */
export function bootCommand(opts: BootOptions): string {
  const { payload } = opts;
  const arches: Record<string, [string, number, string, number][]> = {};
  for (const [arch, files] of Object.entries(payload.arches))
    arches[arch] = files.map((f) => [f.path, f.size, f.sha256, f.mode]);
  const spec = { version: payload.version, protocol: payload.protocol, useInstalled: opts.useInstalled, arches };
  const words = [
    '/bin/sh',
    '-c',
    BOOT_SH,
    'bpfscope-boot',
    BOOT_JS,
    JSON.stringify(spec),
    opts.elevate,
    ...opts.agentArgs,
  ];
  return words.map(shellQuote).join(' ');
}
