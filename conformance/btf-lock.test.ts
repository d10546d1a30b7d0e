// BTF descriptions in scenarios: what a mistake in one reads like, and that a good one builds real BTF.
import { parseBtf } from '../shared/btf/btf.js';

import { mapBtfSpec } from './btf-lock.js';
import { parseScenario } from './scenario.js';

const withBtf = (btf: unknown): string =>
  JSON.stringify({
    name: 'n',
    ops: [
      {
        op: 'map_create',
        as: 'm',
        type: 'hash',
        key_size: 4,
        value_size: 8,
        max_entries: 1,
        flags: [],
        name: 'm',
        btf,
      },
    ],
  });

describe('map_create btf', () => {
  it('builds the described struct with its spin lock, and the key and value type ids', () => {
    const s = parseScenario(
      withBtf({
        types: {
          val: {
            struct: [
              ['lock', 'bpf_spin_lock'],
              ['n', 'u32'],
            ],
          },
        },
        key: 'u32',
        value: 'val',
      }),
      'x.json',
    );
    const op = s.ops[0]!;
    if (op.op !== 'map_create' || !op.btf) throw new Error('no btf');
    const spec = mapBtfSpec(op.btf);
    const btf = parseBtf(spec.data);
    expect(btf.typeText(spec.keyTypeId)).toBe('u32');
    expect(btf.typeText(spec.valueTypeId)).toBe('struct val');
    expect(btf.sizeof(spec.valueTypeId)).toBe(8);
    expect(btf.typeText(btf.findAllByName('bpf_spin_lock', 'struct')[0]!)).toBe('struct bpf_spin_lock');
  });

  it.each([
    [{ key: 'u32', value: 'nosuch' }, 'unknown type "nosuch"'],
    [{ types: { a: { struct: [['x', 'a']] } }, key: 'u32', value: 'a' }, 'type "a" contains itself'],
    [{ types: { a: { struct: [['x', 'u64']], size: 4 } }, key: 'u32', value: 'a' }, 'ends past its size 4'],
    [
      {
        types: {
          a: {
            struct: [
              ['x', 'u32'],
              ['x', 'u32'],
            ],
          },
        },
        key: 'u32',
        value: 'a',
      },
      'two members called "x"',
    ],
    [{ key: 'u32', value: { array: { id: 3 }, len: 2 } }, 'value'],
  ])('refuses %j as a schema error naming the problem', (btf, text) => {
    expect(() => parseScenario(withBtf(btf), 'x.json')).toThrow(text);
  });
});
