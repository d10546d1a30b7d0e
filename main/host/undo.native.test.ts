// Unlink with Undo on the native engine over a private bpffs.
import { describe } from 'vitest';

import { nativeSkipReason, useNativeEngine } from '../engine/native/test-env.js';
import { defineUndoTests } from './undo.shared.js';

const skip = nativeSkipReason('undo.native.test.ts');

describe.skipIf(skip !== undefined)('unlink with undo on the native engine', () => {
  defineUndoTests(useNativeEngine());
});
