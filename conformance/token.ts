// BPF tokens in scenarios: `token` on map_create / prog_load (BPF_F_TOKEN_FD with the fd of a label, or null for an
// fd that is not open) and `token_create` (BPF_TOKEN_CREATE on the bpffs at a path; the token is closed at once).
import { z } from 'zod';

import type { PinStore, TokenArg } from '../shared/engine.js';

import type { LabelTable } from './labels.js';

/** The fd to pass: a label's handle, or null for one never open; `flag: false` sends the fd without the flag. */
export const tokenField = z.strictObject({ fd: z.string().min(1).nullable(), flag: z.boolean().optional() }).optional();

export const tokenOpSchemas = [
  z.strictObject({ op: z.literal('token_create'), path: z.string(), flags: z.number().int().min(0).optional() }),
] as const;

type TokenOp = z.infer<(typeof tokenOpSchemas)[number]>;

export function isTokenOp(op: { op: string }): op is TokenOp {
  return op.op === 'token_create';
}

export async function performTokenOp(store: PinStore, op: TokenOp): Promise<unknown> {
  return void (await store.createToken(op.path, op.flags ?? 0));
}

/** The engine's token argument for a scenario's `token` field. */
export function tokenArg(field: z.infer<typeof tokenField>, labels: LabelTable): { token?: TokenArg } {
  if (!field) return {};
  const handle = field.fd === null ? null : labels.resolve(field.fd).handle;
  return { token: { handle, flag: field.flag ?? true } };
}
