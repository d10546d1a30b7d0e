// Unlink with Undo on the emulated engine.
import { afterEach, beforeEach, describe } from 'vitest';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import type { WorkflowEnv } from './pin-workflows.shared.js';
import { defineUndoTests } from './undo.shared.js';

const env = {} as WorkflowEnv;
beforeEach(() => void (env.engine = createEmulatedEngine({ demo: false })));
afterEach(() => env.engine.dispose());

describe('unlink with undo on the emulated engine', () => {
  defineUndoTests(env);
});
