// Bounds on untrusted JSON checked by one linear scan before JSON.parse: a 7 MB frame of nested brackets costs the
// parser hundreds of MB, while scanning its text costs one pass and no memory.

export interface JsonLimits {
  /** Characters of JSON text. */
  maxLength: number;
  /** Open arrays and objects at any one point. */
  maxDepth: number;
  /** Commas outside strings: roughly the number of array items and object members. */
  maxItems: number;
}

/** A frame refused by its shape before parsing; the message names the limit. */
export class FrameLimitError extends RangeError {
  override name = 'FrameLimitError';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** Throws FrameLimitError when `text` is longer, deeper or has more items than `limits` allow. */
export function checkJsonLimits(text: string, limits: JsonLimits): void {
  if (text.length > limits.maxLength) {
    throw new FrameLimitError(`The frame's JSON is ${text.length} characters long; the limit is ${limits.maxLength}.`);
  }
  let depth = 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limits.maxDepth) {
        throw new FrameLimitError(`The frame's JSON nests deeper than ${limits.maxDepth} levels.`);
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === COMMA && ++items > limits.maxItems) {
      throw new FrameLimitError(`The frame's JSON has more than ${limits.maxItems} items.`);
    }
  }
}
