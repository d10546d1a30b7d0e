// Scenario operations on ownership and modes, and `as_user`: one path operation run with another uid and gid
// (the kernel's side forks a child with those ids and no supplementary groups or capabilities).
import { z } from 'zod';

import { KEEP_ID } from '../shared/bpf/permissions.js';
import type { PinStore } from '../shared/engine.js';

import type { Outcome } from './outcome.js';

const path = z.string();
const id = z.number().int().min(0).max(0xfffffffe);

/** Operations an `as_user` may run: those that take paths only (a handle cannot cross into the child). */
export const AS_USER_OPS = [
  'mkdir',
  'rmdir',
  'unlink',
  'rename',
  'link',
  'symlink',
  'stat',
  'list',
  'get',
  'chmod',
  'chown',
  'owner',
] as const;

export const credentialOpSchemas = [
  z.strictObject({ op: z.literal('chmod'), path, mode: z.number().int().min(0).max(0o7777) }),
  /** A left-out id stays as it is (chown's -1). */
  z.strictObject({ op: z.literal('chown'), path, uid: id.optional(), gid: id.optional() }),
  /** mode, uid and gid of the entry at `path` (a final symlink not followed). */
  z.strictObject({ op: z.literal('owner'), path }),
  z.strictObject({
    op: z.literal('as_user'),
    uid: id,
    gid: id,
    /** One operation of AS_USER_OPS, checked against the whole op schema when the scenario is read. */
    do: z.looseObject({ op: z.enum(AS_USER_OPS) }),
  }),
] as const;

type CredentialOp = z.infer<(typeof credentialOpSchemas)[number]>;
export type AsUserOp = Extract<CredentialOp, { op: 'as_user' }>;

/** Runs one operation as another user and reports its outcome (engine specific: see engines.ts). */
export type RunAsUser = (who: { uid: number; gid: number }, op: unknown) => Promise<Outcome>;

/** The inner operations of every `as_user` in `ops`, checked with `check`; the first problem, or undefined. */
export function asUserProblem(ops: readonly { op: string }[], check: (op: unknown) => string | undefined) {
  for (const [i, op] of ops.entries()) {
    if (op.op !== 'as_user') continue;
    const problem = check((op as AsUserOp).do);
    if (problem) return `ops[${i}].do: ${problem}`;
  }
  return undefined;
}

export function isCredentialOp(op: { op: string }): op is Exclude<CredentialOp, AsUserOp> {
  return op.op === 'chmod' || op.op === 'chown' || op.op === 'owner';
}

export async function performCredentialOp(store: PinStore, op: Exclude<CredentialOp, AsUserOp>): Promise<unknown> {
  switch (op.op) {
    case 'chmod':
      return void (await store.chmod(op.path, op.mode));
    case 'chown':
      return void (await store.chown(op.path, op.uid ?? KEEP_ID, op.gid ?? KEEP_ID));
    case 'owner': {
      const e = await store.stat(op.path);
      return { kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid };
    }
  }
}
