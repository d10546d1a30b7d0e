// Validates one untrusted call (operation name + request) and runs it. Never throws: every failure
// becomes a typed error result, so no request can crash the main process.
import { isOpName, type OpName, type RpcResult, requestSchemas } from '../../shared/contract.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

import type { HandlerTable } from './handlers.js';

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'request'}: ${i.message}`)
    .join('; ');
}

/** Names a value's JSON type without converting it: String() throws on objects like {"toString": 1}. */
function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export async function dispatch(handlers: HandlerTable, op: unknown, req: unknown): Promise<RpcResult> {
  try {
    if (typeof op !== 'string') {
      throw new BpfError('EINVAL', `The operation name must be a string, not ${jsonTypeOf(op)}.`, {
        hint: 'Nothing was changed; send {id, op: "<operation>", req}.',
      });
    }
    if (!isOpName(op)) {
      throw new BpfError('EINVAL', `Unknown operation ${JSON.stringify(op).slice(0, 80)}.`, {
        hint: 'Update the client: it and main do not share the same contract.',
      });
    }
    const parsed = requestSchemas[op].safeParse(req ?? {});
    if (!parsed.success) {
      throw new BpfError('EINVAL', `Malformed ${op} request: ${describeIssues(parsed.error.issues)}.`, {
        hint: 'Nothing was changed; correct the request and try again.',
      });
    }
    const run = handlers[op as OpName] as (r: unknown) => Promise<unknown>;
    const value = await run(parsed.data);
    return { ok: true, value: value as never };
  } catch (e) {
    if (isBpfError(e)) return { ok: false, error: e.toWire() };
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: new BpfError('EIO', `Internal error: ${message}`, {
        hint: 'This is a bug in bpfscope; please report it.',
      }).toWire(),
    };
  }
}
