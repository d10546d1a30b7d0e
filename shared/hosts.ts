// The hosts one window shows: what each is (this computer, an ssh destination, a Kubernetes node, any command that
// speaks the agent protocol), how it is doing, and the control channel's operations and events that list, add,
// remove, connect and disconnect them and answer the questions ssh or sudo ask on the way.
import { z } from 'zod';

import type { RpcResult } from './contract.js';
import { type SnapshotEvent, type SnapshotResponses, snapshotRequestSchemas } from './snapshot-ops.js';

/** A host by how it is reached; a snapshot is a .bpfsnap the window opened (read-only, never saved). */
export type HostSpec =
  | { kind: 'local'; engine: 'emulated' | 'native' }
  | { kind: 'ssh'; destination: string; port?: number; user?: string; bpffs?: string }
  | { kind: 'kubectl'; node: string; mode: 'debug' | 'exec' }
  | { kind: 'command'; argv: string[] }
  | { kind: 'snapshot'; serial: number; file: string };

export type HostKind = HostSpec['kind'];

/** What Add host… may add and hosts.json may keep. */
export type AddableHostSpec = Exclude<HostSpec, { kind: 'snapshot' }>;

/** Where an entry of the list comes from: always there, added by hand (saved), ~/.ssh/config, the kube context. */
export type HostSource = 'builtin' | 'saved' | 'ssh-config' | 'kubectl' | 'snapshot';

export type HostState =
  | { state: 'idle' }
  | { state: 'connecting'; since: number }
  | { state: 'authenticating'; since: number; question: string }
  | { state: 'connected'; since: number; uid: number; kernel: string; mount: string; via: string; pid?: number }
  | { state: 'disconnected'; since: number; reason: string; retryAt?: number };

export interface HostEntry {
  id: string;
  label: string;
  spec: HostSpec;
  source: HostSource;
  state: HostState;
}

/** A question ssh, its askpass or sudo asks on the way in; answered (or cancelled) with hostAnswer. */
export interface HostPrompt {
  id: number;
  hostId: string;
  kind: 'hostkey' | 'password' | 'passphrase' | 'sudo-password' | 'other';
  text: string;
  secret: boolean;
}

/** How a launcher asks the user: the answer, or null when the user cancelled. */
export type PromptFn = (q: Omit<HostPrompt, 'id' | 'hostId'>) => Promise<string | null>;

/** Why some sources listed nothing: "no kubeconfig (~/.kube/config)", "~/.ssh/config line 4: ...". */
export interface HostListing {
  hosts: HostEntry[];
  /** The host the window opens first (serve's --engine). */
  primary: string;
  notes: string[];
}

export type HostEvent =
  | { type: 'hosts-changed'; listing: HostListing }
  | { type: 'host-prompt'; prompt: HostPrompt }
  | { type: 'host-prompt-done'; id: number }
  | SnapshotEvent;

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s@/\\'"`;|&$<>-][^\s@/\\'"`;|&$<>]*$/, 'must be a host name or address, not an option');
const user = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/, 'must be a user name');
const port = z.number().int().min(1).max(65535);
/** The bpffs mount on the remote the native agent works in (/sys/fs/bpf when not given). */
const remotePath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^\/[^\0\n]*$/, 'must be an absolute path on the host');

export const hostSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), engine: z.enum(['emulated', 'native']) }).strict(),
  z
    .object({
      kind: z.literal('ssh'),
      destination: hostName,
      port: port.optional(),
      user: user.optional(),
      bpffs: remotePath.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('kubectl'), node: hostName, mode: z.enum(['debug', 'exec']) }).strict(),
  z
    .object({
      kind: z.literal('command'),
      argv: z.array(z.string().min(1).max(4096)).min(1).max(64),
    })
    .strict(),
]);

const hostId = z.string().min(1).max(300);

/** The control channel's operations and their requests. */
export const hostRequestSchemas = {
  hostList: z.object({}).strict(),
  hostAdd: z.object({ spec: hostSpecSchema, label: z.string().min(1).max(120).optional() }).strict(),
  hostRemove: z.object({ id: hostId }).strict(),
  hostConnect: z.object({ id: hostId }).strict(),
  hostDisconnect: z.object({ id: hostId }).strict(),
  /** null: the user cancelled the question. */
  hostAnswer: z.object({ prompt: z.number().int().positive(), answer: z.string().max(4096).nullable() }).strict(),
  ...snapshotRequestSchemas,
} as const;

export type HostOpName = keyof typeof hostRequestSchemas;
export const HOST_OP_NAMES = Object.keys(hostRequestSchemas) as HostOpName[];

export interface HostResponses extends SnapshotResponses {
  hostList: HostListing;
  hostAdd: HostEntry;
  hostRemove: HostListing;
  hostConnect: HostEntry;
  hostDisconnect: HostEntry;
  hostAnswer: Record<string, never>;
}

export type HostRequest<K extends HostOpName> = z.input<(typeof hostRequestSchemas)[K]>;

export function isHostOpName(op: unknown): op is HostOpName {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(hostRequestSchemas, op);
}

/** The client side of the control channel: one function per operation, and its events. */
export type HostControlApi = { [K in HostOpName]: (req: HostRequest<K>) => Promise<HostResponses[K]> } & {
  onEvent(listener: (event: HostEvent) => void): () => void;
  onReconnect?(listener: () => void): () => void;
};

/** What Electron's preload adds to window.bpfscope for the host list. */
export interface HostsBridge {
  hostCall(op: HostOpName, req: unknown): Promise<RpcResult>;
  onHostEvent(listener: (event: HostEvent) => void): () => void;
  /** Saves a captured snapshot through the save dialog: the path written, or null when cancelled. */
  saveFile?(name: string, bytes: Uint8Array): Promise<RpcResult>;
}
