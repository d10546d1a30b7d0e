// The ssh child as the connection sees an agent: stdout carries frames only from the boot's run line on (shell
// noise before it is logged), the connection's own frames are held back until the agent has spoken (before that,
// stdin belongs to the boot: the shipped files, the sudo password), and the boot's stderr lines are acted on.
// When ssh ends, a last stderr line says why in the user's terms (the connection shows the last line).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

import type { AgentProcess } from './launcher.js';
import { type PromptFn, startSshAskpass } from './ssh-askpass.js';
import { BOOT_MARK } from './ssh-boot.js';
import { type AgentPayload, packPayload } from './ssh-payload.js';

export interface SshSpawnOptions {
  destination: string;
  args: string[];
  payload: AgentPayload;
  prompt: PromptFn;
  log?: ((line: string) => void) | undefined;
  sshPath?: string | undefined;
}

const NODE_HELP = 'install Node.js 20 or later there (Debian/Ubuntu: apt install nodejs; Fedora: dnf install nodejs)';

class SshAgentProcess extends EventEmitter implements AgentProcess {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  pid?: number | undefined;
  kill: (signal?: NodeJS.Signals) => boolean = () => false;
}

export function spawnSshAgent(opts: SshSpawnOptions): AgentProcess {
  const dest = opts.destination;
  const log = (line: string) => opts.log?.(line);
  const askpass = startSshAskpass(opts.prompt);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SSH_ASKPASS: askpass.program,
    SSH_ASKPASS_REQUIRE: 'force',
    // Older ssh asks through SSH_ASKPASS only when DISPLAY is set.
    DISPLAY: process.env.DISPLAY ?? 'bpfscope:0',
  };
  // Its own session: no controlling terminal, so ssh can only ask through askpass.
  const child = spawn(opts.sshPath ?? 'ssh', opts.args, { stdio: ['pipe', 'pipe', 'pipe'], env, detached: true });
  const proc = new SshAgentProcess();
  proc.pid = child.pid;
  proc.kill = (signal) => child.kill(signal);
  child.stdin.on('error', () => undefined);

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    proc.stdin.pipe(child.stdin);
  };
  proc.stdin.once('finish', () => {
    if (!released) child.stdin.end();
  });

  let pre = Buffer.alloc(0);
  const onStdout = (chunk: Buffer) => {
    pre = Buffer.concat([pre, chunk]);
    for (let nl = pre.indexOf(10); nl >= 0; nl = pre.indexOf(10)) {
      const line = pre.subarray(0, nl).toString('utf8').trim();
      pre = pre.subarray(nl + 1);
      if (line === `${BOOT_MARK}run`) {
        child.stdout.off('data', onStdout);
        if (pre.length > 0) {
          proc.stdout.write(pre);
          release();
        } else child.stdout.once('data', release);
        child.stdout.pipe(proc.stdout);
        return;
      }
      if (line !== '') log(`${dest}: ${line}`);
    }
  };
  child.stdout.on('data', onStdout);
  child.stdout.once('end', () => {
    if (!proc.stdout.writableEnded) proc.stdout.end();
  });

  let failure: string | undefined;
  let sudoRetry = false;
  const onBoot = (word: string, rest: string[]) => {
    const arg = rest.join(' ');
    switch (word) {
      case 'send': {
        const arch = rest[0] ?? '';
        const packed = packPayload(opts.payload, arch);
        log(`sending the agent to ${dest} (${arch}, ${(packed.length / 1e6).toFixed(1)} MB)`);
        child.stdin.write(packed);
        return;
      }
      case 'stored':
        return log(`the agent is stored on ${dest} in ${arg}`);
      case 'reuse':
        return log(`reusing the agent on ${dest} in ${arg}`);
      case 'installed':
        return log(`using the bpfscope installed on ${dest} at ${arg}`);
      case 'no-node':
        failure = `node was not found on ${dest} (PATH=${arg}): the bpfscope agent runs with Node.js there; ${NODE_HELP}, or install bpfscope on it`;
        return;
      case 'node-too-old':
        failure = `${dest} has Node.js ${rest[0]} (${rest[1]}), the bpfscope agent needs 20 or later: ${NODE_HELP}`;
        return;
      case 'no-arch':
        failure = `bpfscope has no agent for ${dest}'s architecture ${rest[0]} (it ships ${rest[1] || 'none'}): install bpfscope on it`;
        return;
      case 'no-sudo':
        failure = `sudo is not installed on ${dest}: connect as root, or without elevation`;
        return;
      case 'sudo-password':
        return askSudo(arg);
      case 'error':
        failure = `the agent could not be set up on ${dest}: ${arg}`;
        return;
      default:
        log(`${dest}: ${BOOT_MARK}${word} ${arg}`);
    }
  };
  const askSudo = (who: string) => {
    const text = `${sudoRetry ? 'Sorry, try again. ' : ''}[sudo] password for ${who} on ${dest}`;
    sudoRetry = false;
    opts.prompt({ kind: 'sudo-password', text, secret: true }).then(
      (answer) => {
        if (answer !== null) return void child.stdin.write(`${answer}\n`);
        failure = `sudo on ${dest} needs a password and none was given`;
        child.stdin.end();
      },
      () => child.stdin.end(),
    );
  };

  let partial = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(BOOT_MARK)) {
        const [word = '', ...rest] = line.slice(BOOT_MARK.length).split(' ');
        onBoot(word, rest);
      } else {
        if (line.trim() === 'Sorry, try again.') sudoRetry = true;
        proc.stderr.write(`${line}\n`);
      }
    }
  });

  child.once('error', (e) => {
    // A command that could not be run never closes.
    if (child.pid === undefined) askpass.dispose();
    proc.emit('error', e);
  });
  child.once('close', (code, signal) => {
    askpass.dispose();
    let reason = failure;
    if (!reason && code === 255) {
      if (askpass.cancelled.has('hostkey')) reason = `the host key of ${dest} was not accepted, so nothing was sent`;
      else if (askpass.cancelled.has('password')) reason = `no password for ${dest} was given`;
      else if (askpass.cancelled.has('passphrase')) reason = `no passphrase for the ssh key was given`;
    }
    if (!reason && signal) reason = `the ssh connection to ${dest} was ended by ${signal}`;
    if (partial.trim() !== '') proc.stderr.write(`${partial}\n`);
    if (reason) proc.stderr.write(`${reason}\n`);
    proc.stderr.end();
    if (!proc.stdout.writableEnded) proc.stdout.end();
    // The connection reads the last stderr line when close comes: let it have those lines first.
    const closeCode = reason && signal ? 255 : code;
    const closeSignal = reason && signal ? null : signal;
    let emitted = false;
    const emitClose = () => {
      if (emitted) return;
      emitted = true;
      proc.emit('close', closeCode, closeSignal);
    };
    proc.stderr.once('end', () => setImmediate(emitClose));
    setTimeout(emitClose, 200).unref();
  });
  return proc;
}
