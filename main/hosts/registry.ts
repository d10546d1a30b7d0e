// Every host one window shows, and the one connection each connected host has: this computer (emulated and
// native, always there), hosts added by hand (saved), ~/.ssh/config's hosts and the kube context's nodes. It keeps
// each host's state, relays the questions ssh or sudo ask to the window, and retries a dropped remote host with
// backoff. A local agent that died is left for the user's Reconnect: it crashed, it did not lose a network.
import { release } from 'node:os';
import { getuid } from 'node:process';

import type { ConnectionStatus } from '../../shared/contract.js';
import { isBpfError } from '../../shared/errors.js';
import { hostIdFor, hostLabelFor } from '../../shared/host-address.js';
import type {
  HostEntry,
  HostEvent,
  HostListing,
  HostPrompt,
  HostSource,
  HostSpec,
  HostState,
  PromptFn,
} from '../../shared/hosts.js';

import type { HostPort } from '../host/port.js';
import { connectAgent } from '../host-connection/connection.js';
import { type AgentLauncher, commandLauncher } from '../host-connection/launcher.js';
import { HostLink } from './host-link.js';
import type { HostsFile } from './persist.js';
import { connectedState, idleStatus } from './states.js';

/** What the registry holds for a connected host: an in-process host or an agent connection. */
export interface OpenedHost extends HostPort {
  status?(): ConnectionStatus;
  reconnect?(): Promise<ConnectionStatus>;
  dispose(): Promise<void>;
}

type RemoteSpec = Exclude<HostSpec, { kind: 'local' }>;
export type LauncherFactory = (spec: RemoteSpec, prompt: PromptFn) => AgentLauncher;

export interface HostRegistryOptions {
  /** The local engine serve/Electron was started with: it is listed first and connected at start. */
  primary: 'emulated' | 'native';
  /** Opens this computer's engine; rejects with the reason when it cannot. */
  openLocal(engine: 'emulated' | 'native'): Promise<OpenedHost>;
  /** How each remote kind is started; the custom command kind runs its argv unless told otherwise. */
  launchers?: Partial<Record<RemoteSpec['kind'], LauncherFactory>>;
  file?: HostsFile;
  sshConfig?: () => { hosts: string[]; notes: string[] };
  kubeNodes?: () => Promise<{ nodes: string[]; reason?: string }>;
  backoff?: { initialMs: number; maxMs: number };
  log?: (line: string) => void;
}

interface Live {
  id: string;
  label: string;
  spec: HostSpec;
  source: HostSource;
  state: HostState;
  link: HostLink;
  conn?: OpenedHost | undefined;
  offConn?: (() => void) | undefined;
  /** The user wants it connected: a dropped remote host is retried. */
  wanted: boolean;
  backoffMs: number;
  retry?: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every connect/disconnect, so late answers of an older attempt are ignored. */
  epoch: number;
}

const commandKind: LauncherFactory = (spec) => {
  if (spec.kind !== 'command') throw new Error(`no launcher for ${spec.kind} hosts`);
  return commandLauncher('command', { command: spec.argv[0]!, args: spec.argv.slice(1) });
};

export class HostRegistry {
  private readonly hosts = new Map<string, Live>();
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly prompts = new Map<number, { prompt: HostPrompt; resolve: (a: string | null) => void }>();
  private readonly notes: string[] = [];
  /** Hosts this process opens itself (snapshots): how to open each again after a disconnect. */
  private readonly openers = new Map<string, () => Promise<OpenedHost>>();
  private nextPrompt = 1;
  private disposed = false;
  readonly primary: string;

  constructor(private readonly opts: HostRegistryOptions) {
    this.primary = hostIdFor({ kind: 'local', engine: opts.primary });
    const engines = opts.primary === 'emulated' ? (['emulated', 'native'] as const) : (['native', 'emulated'] as const);
    for (const engine of engines) this.put({ kind: 'local', engine }, 'builtin');
    const saved = opts.file?.load();
    if (saved?.note) this.notes.push(saved.note);
    for (const h of saved?.hosts ?? []) this.put(h.spec, 'saved', h.label);
    const ssh = opts.sshConfig?.();
    this.notes.push(...(ssh?.notes ?? []));
    for (const name of ssh?.hosts ?? []) this.put({ kind: 'ssh', destination: name }, 'ssh-config', name);
  }

  /** Connects the primary host and looks for Kubernetes nodes; resolves once the primary has settled. */
  async start(): Promise<void> {
    void this.discoverKube();
    await this.connect(this.primary);
  }

  private async discoverKube(): Promise<void> {
    if (!this.opts.kubeNodes) return;
    const found = await this.opts.kubeNodes();
    if (found.reason) this.notes.push(`Kubernetes nodes: ${found.reason}.`);
    for (const node of found.nodes) this.put({ kind: 'kubectl', node, mode: 'debug' }, 'kubectl');
    this.changed();
  }

  private put(spec: HostSpec, source: HostSource, label?: string): Live {
    const id = hostIdFor(spec);
    const known = this.hosts.get(id);
    if (known) return known;
    const live: Live = {
      id,
      label: label ?? hostLabelFor(spec),
      spec,
      source,
      state: { state: 'idle' },
      link: new HostLink(
        () => idleStatus(live.state, spec),
        () => this.connect(id).then(() => undefined),
      ),
      wanted: false,
      backoffMs: this.opts.backoff?.initialMs ?? 1000,
      epoch: 0,
    };
    this.hosts.set(id, live);
    return live;
  }

  listing(): HostListing {
    const hosts = [...this.hosts.values()].map((h) => this.entry(h));
    return { hosts, primary: this.primary, notes: [...this.notes] };
  }

  private entry(h: Live): HostEntry {
    return { id: h.id, label: h.label, spec: h.spec, source: h.source, state: h.state };
  }

  /** The port a transport serves this host's calls through; undefined for an unknown id. */
  link(id: string): HostPort | undefined {
    return this.hosts.get(id)?.link;
  }

  pendingPrompts(): HostPrompt[] {
    return [...this.prompts.values()].map((p) => p.prompt);
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: HostEvent): void {
    for (const l of this.listeners) l(event);
  }

  private changed(): void {
    if (!this.disposed) this.emit({ type: 'hosts-changed', listing: this.listing() });
  }

  private setState(h: Live, state: HostState): void {
    h.state = state;
    this.changed();
  }

  private get(id: string): Live {
    const h = this.hosts.get(id);
    if (!h) throw new RegistryError('ENOENT', `There is no host ${id} in the list.`);
    return h;
  }

  /** Adds a host by hand and remembers it; the same host added again is the entry already there. */
  add(spec: HostSpec, label?: string): HostEntry {
    const existed = this.hosts.has(hostIdFor(spec));
    const h = this.put(spec, 'saved', label);
    if (!existed) {
      this.save();
      this.changed();
    }
    return this.entry(h);
  }

  /** Adds a snapshot the window opened (never saved) and connects it; remove() forgets it. */
  async addSnapshot(spec: Extract<HostSpec, { kind: 'snapshot' }>, label: string, open: () => Promise<OpenedHost>) {
    const h = this.put(spec, 'snapshot', label);
    this.openers.set(h.id, open);
    this.changed();
    return this.connect(h.id);
  }

  async remove(id: string): Promise<HostListing> {
    const h = this.get(id);
    if (h.source !== 'saved' && h.source !== 'snapshot') {
      throw new RegistryError('EPERM', `${h.label} is not a host added by hand, so it cannot be removed.`);
    }
    await this.disconnect(id);
    this.hosts.delete(id);
    this.openers.delete(id);
    this.save();
    this.changed();
    return this.listing();
  }

  private save(): void {
    const saved = [...this.hosts.values()].filter((h) => h.source === 'saved');
    this.opts.file?.save(saved.map((h) => ({ label: h.label, spec: h.spec })));
  }

  /** Connects a host (or reconnects it); resolves with its entry once the attempt has settled. */
  async connect(id: string): Promise<HostEntry> {
    const h = this.get(id);
    h.wanted = true;
    clearTimeout(h.retry);
    if (h.state.state === 'connected' || h.state.state === 'connecting' || h.state.state === 'authenticating') {
      return this.entry(h);
    }
    const epoch = ++h.epoch;
    this.setState(h, { state: 'connecting', since: Date.now() });
    if (h.conn?.reconnect) {
      await h.conn.reconnect();
      return this.entry(h);
    }
    try {
      const conn = await this.open(h);
      if (epoch !== h.epoch) {
        await conn.dispose();
        return this.entry(h);
      }
      h.conn = conn;
      // The status now, not the event's: events arrive a macrotask late and may be older than what is known.
      h.offConn = conn.subscribe((e) => {
        if (e.type === 'connection-changed') void this.track(h, conn.status?.() ?? e.status);
      });
      h.link.attach(conn);
      await this.track(h, conn.status?.() ?? { state: 'in-process', via: 'in-process', since: Date.now() });
    } catch (e) {
      if (epoch === h.epoch) this.dropped(h, isBpfError(e) || e instanceof Error ? e.message : String(e));
    }
    return this.entry(h);
  }

  private async open(h: Live): Promise<OpenedHost> {
    const spec = h.spec;
    if (spec.kind === 'local') return this.opts.openLocal(spec.engine);
    const opener = this.openers.get(h.id);
    if (opener) return opener();
    const factory = this.opts.launchers?.[spec.kind] ?? (spec.kind === 'command' ? commandKind : undefined);
    if (!factory) throw new Error(`this bpfscope cannot reach ${spec.kind} hosts`);
    const conn = connectAgent(factory(spec, this.promptFor(h)), {
      log: (line) => this.opts.log?.(`${h.label}: ${line}`),
    });
    await conn.ready();
    return conn;
  }

  /** Follows the connection's own status: connected (once its mount is known), connecting, dropped. */
  private async track(h: Live, status: ConnectionStatus): Promise<void> {
    const epoch = h.epoch;
    if (status.state === 'connecting') {
      if (h.state.state !== 'authenticating') this.setState(h, { state: 'connecting', since: status.since });
      return;
    }
    if (status.state === 'disconnected') return this.dropped(h, status.reason ?? 'disconnected');
    const described = await h.conn?.dispatch('describe', {});
    if (epoch !== h.epoch || !described?.ok) return;
    h.backoffMs = this.opts.backoff?.initialMs ?? 1000;
    const own = { uid: getuid?.() ?? -1, kernel: release() };
    this.setState(h, connectedState(status, described.value as { mountPoint: string; kernel?: string }, own));
  }

  private dropped(h: Live, reason: string): void {
    if (h.state.state === 'disconnected' && h.state.reason === reason) return;
    const remote = h.spec.kind !== 'local';
    const retryAt = h.wanted && remote && !this.disposed ? Date.now() + h.backoffMs : undefined;
    this.setState(h, { state: 'disconnected', since: Date.now(), reason, ...(retryAt ? { retryAt } : {}) });
    if (retryAt === undefined) return;
    clearTimeout(h.retry);
    h.retry = setTimeout(() => {
      h.retry = undefined;
      void this.connect(h.id);
    }, h.backoffMs);
    h.backoffMs = Math.min(h.backoffMs * 2, this.opts.backoff?.maxMs ?? 30_000);
  }

  /** Ends a host's connection (and its retries) until the user connects it again. */
  async disconnect(id: string): Promise<HostEntry> {
    const h = this.get(id);
    h.wanted = false;
    h.epoch++;
    clearTimeout(h.retry);
    for (const [pid, p] of this.prompts) if (p.prompt.hostId === id) this.answer(pid, null);
    const conn = h.conn;
    h.offConn?.();
    h.conn = undefined;
    h.offConn = undefined;
    if (h.state.state !== 'idle') h.state = { state: 'disconnected', since: Date.now(), reason: 'disconnected by you' };
    h.link.attach(undefined);
    this.changed();
    await conn?.dispose();
    return this.entry(h);
  }

  private promptFor(h: Live): PromptFn {
    return (q) =>
      new Promise((resolve) => {
        const prompt: HostPrompt = { ...q, id: this.nextPrompt++, hostId: h.id };
        this.prompts.set(prompt.id, { prompt, resolve });
        this.setState(h, { state: 'authenticating', since: Date.now(), question: q.text });
        this.emit({ type: 'host-prompt', prompt });
      });
  }

  /** The window's answer to a question (null: cancelled). */
  answer(promptId: number, answer: string | null): void {
    const p = this.prompts.get(promptId);
    if (!p) throw new RegistryError('ENOENT', 'That question is no longer asked.');
    this.prompts.delete(promptId);
    this.emit({ type: 'host-prompt-done', id: promptId });
    const h = this.hosts.get(p.prompt.hostId);
    // A question the user cancelled is not asked again by a retry: Connect asks it again.
    if (h && answer === null) h.wanted = false;
    if (h?.state.state === 'authenticating') this.setState(h, { state: 'connecting', since: Date.now() });
    p.resolve(answer);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const id of [...this.prompts.keys()]) this.answer(id, null);
    await Promise.all([...this.hosts.keys()].map((id) => this.disconnect(id)));
    this.listeners.clear();
  }
}

/** A refusal of a host-list operation, with the errno the window shows. */
export class RegistryError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EPERM' | 'EINVAL',
    message: string,
  ) {
    super(message);
  }
}
