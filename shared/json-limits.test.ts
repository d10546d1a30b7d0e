// The scan that refuses oversized JSON before JSON.parse: brackets and commas inside strings do not count.
import { describe, expect, it } from 'vitest';

import { checkJsonLimits, FrameLimitError } from './json-limits.js';
import { decodeFrame, encodeFrame } from './wire-codec.js';

const limits = { maxLength: 1000, maxDepth: 3, maxItems: 4 };

describe('JSON limits', () => {
  it('accepts JSON within the limits, whatever its strings hold', () => {
    expect(() => checkJsonLimits('{"a":[[1,2]],"s":"[[[[,,,,,\\"[["}', limits)).not.toThrow();
  });

  it.each([
    ['too deep', '[[[[1]]]]', /deeper than 3 levels/],
    ['too many items', '[1,2,3,4,5,6]', /more than 4 items/],
    ['too long', `"${'x'.repeat(1000)}"`, /1002 characters long; the limit is 1000/],
  ])('refuses JSON %s', (_name, text, message) => {
    expect(() => checkJsonLimits(text, limits)).toThrow(FrameLimitError);
    expect(() => checkJsonLimits(text, limits)).toThrow(message);
  });

  it('applies to the JSON of a binary frame too', () => {
    const frame = encodeFrame({ deep: [[[[1]]]], bytes: new Uint8Array(4) });
    expect(() => decodeFrame(frame, limits)).toThrow(FrameLimitError);
    expect(decodeFrame(frame)).toMatchObject({ deep: [[[[1]]]] });
  });

  it('refuses a 7 MB nested frame by its depth', () => {
    const text = `{"id":1,"op":"list","req":{"a":${'['.repeat(3_500_000)}${']'.repeat(3_500_000)}}}`;
    expect(() => decodeFrame(text, { maxLength: 8 << 20, maxDepth: 32, maxItems: 10_000 })).toThrow(/deeper than 32/);
  });
});
