// Shared setup for the native engine tests: a private bpffs and an engine rooted at it, per test.
import { execFileSync } from 'node:child_process';

import { afterEach, beforeEach, expect } from 'vitest';

import type { HandleInfo, PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { createNativeEngine } from '../../main/engine/native/engine.js';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from './bpffs.js';

/** Why the native tests cannot run here, printed once per file; undefined when they can. */
export function nativeSkipReason(file: string): string | undefined {
  const reason = canMountBpffs();
  if (reason) console.warn(`[${file}] skipped: ${reason}`);
  return reason;
}

export interface NativeEnv {
  engine: PinStore;
  mount: PrivateBpffs;
}

/** Registers hooks that give each test a fresh mount and engine; read the result inside tests. */
export function useNativeEngine(): NativeEnv {
  const env = {} as NativeEnv;
  beforeEach(async () => {
    env.mount = await mountPrivateBpffs();
    env.engine = createNativeEngine({ bpffs: env.mount.dir });
  });
  afterEach(async () => {
    await env.engine?.dispose();
    await env.mount?.cleanup();
  });
  return env;
}

/** `mov r0, 0; exit`: the smallest program the verifier accepts. */
export const RETURN_ZERO = Uint8Array.from(Buffer.from('b7000000000000009500000000000000', 'hex'));

export function le32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

export function le64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

export async function newHash(engine: PinStore, maxEntries = 16): Promise<HandleInfo> {
  return engine.createMap({ type: 'hash', name: 'h', keySize: 4, valueSize: 8, maxEntries, flags: [] });
}

/** Why tests that compare with bpftool cannot run, printed; undefined when bpftool runs. */
export function bpftoolSkipReason(file: string): string | undefined {
  try {
    execFileSync('bpftool', ['version'], { stdio: 'pipe' });
    return undefined;
  } catch {
    const reason = 'bpftool is not installed (apt-get install bpftool)';
    console.warn(`[${file}] bpftool comparisons skipped: ${reason}`);
    return reason;
  }
}

/** The errno code a refused call rejects with; fails the test when it resolves or throws something else. */
export async function errCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BpfError);
    return (e as BpfError).code;
  }
  throw new Error('expected a BpfError');
}
