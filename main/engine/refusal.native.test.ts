// The same refusal reads the same on both engines: `op "path": text (CODE).` first, then what each engine knows.
import type { PinStore } from '../../shared/engine.js';

import { nativeSkipReason, RETURN_ZERO, useNativeEngine } from '../../test/support/native-env.js';

import { createEmulatedEngine, hostPossibleCpus } from './emulated/index.js';

const why = nativeSkipReason('refusal.native.test.ts');

/** The message's first sentence: everything up to the first `(CODE).`. */
async function head(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'no refusal',
    (e: Error) => /^[^]*?\([A-Z0-9]+\)\./.exec(e.message)?.[0] ?? e.message,
  );
}

const unreachable = Uint8Array.from(
  Buffer.from('b7000000000000009500000000000000b70000000100000095000000000000000', 'hex'),
);

const refusals: [string, (s: PinStore) => Promise<unknown>][] = [
  [
    'a queue with a key',
    (s) => s.createMap({ type: 'queue', name: 'q', keySize: 4, valueSize: 4, maxEntries: 8, flags: [] }),
  ],
  [
    'a hash with key size 0',
    (s) => s.createMap({ type: 'hash', name: 'h', keySize: 0, valueSize: 4, maxEntries: 8, flags: [] }),
  ],
  [
    'a program with an unreachable instruction',
    (s) => s.loadProgram({ type: 'socket_filter', name: 'p', insns: unreachable.subarray(0, 32), license: 'GPL' }),
  ],
  [
    'a program without expected_attach_type',
    (s) => s.loadProgram({ type: 'cgroup_sock_addr', name: 'p', insns: RETURN_ZERO, license: 'GPL' }),
  ],
  ['getting a missing pin', (s) => s.get('nothing/here', 'rw')],
];

describe.skipIf(why !== undefined)('refusal wording', () => {
  const env = useNativeEngine();
  it.each(refusals)('%s reads the same on both engines', async (_what, run) => {
    const emulated = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: hostPossibleCpus() });
    try {
      const native = await head(run(env.engine));
      expect(native).not.toBe('no refusal');
      expect(await head(run(emulated))).toBe(native);
    } finally {
      await emulated.dispose();
    }
  });
});
