// Unlink with Undo on the native engine over a private bpffs.
import { describe } from 'vitest';

import { nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';
import { defineUndoTests } from '../../test/support/undo-suite.js';

const skip = nativeSkipReason('undo.native.test.ts');

describe.skipIf(skip !== undefined)('unlink with undo on the native engine', () => {
  defineUndoTests(useNativeEngine());
});
