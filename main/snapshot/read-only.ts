// A snapshot is read-only: every engine operation that would change the tree, an object or an entry answers EROFS.
import type { MapBatchRequest, PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

const WRITES = [
  'mkdir',
  'rmdir',
  'rename',
  'link',
  'symlink',
  'unlink',
  'createMap',
  'loadProgram',
  'pin',
  'mapUpdate',
  'mapDelete',
  'mapLookupAndDelete',
  'mapFreeze',
  'loadObject',
  'chmod',
  'chown',
] as const satisfies readonly (keyof PinStore)[];

const WRITE_SET: ReadonlySet<string> = new Set(WRITES);

/** `engine` with every write refused; `label` names the snapshot in the message. */
export function readOnlyEngine<T extends PinStore>(engine: T, label: string): T {
  const refuse = async (): Promise<never> => {
    throw new BpfError('EROFS', `${label} is a snapshot: it cannot be changed (EROFS).`, {
      hint: 'Change the live host instead; a snapshot only shows what was captured.',
    });
  };
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && WRITE_SET.has(prop)) return refuse;
      // A batch lookup only reads; every other batch command changes entries.
      if (prop === 'mapBatch') {
        return (handle: number, req: MapBatchRequest) =>
          req.op === 'lookup' ? target.mapBatch(handle, req) : refuse();
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
