// Unlink with Undo on the emulated engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { WorkflowEnv } from '../../test/support/pin-workflows.js';
import { defineUndoTests } from '../../test/support/undo-suite.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { undoWindowMs } from './undo.js';

const env = {} as WorkflowEnv;
beforeEach(() => void (env.engine = createEmulatedEngine({ demo: false })));
afterEach(() => env.engine.dispose());

describe('unlink with undo on the emulated engine', () => {
  defineUndoTests(env);
});

describe('the Undo window', () => {
  it('is 10 s unless BPFSCOPE_UNDO_WINDOW_MS names a positive number of ms', () => {
    expect(undoWindowMs({})).toBe(10_000);
    expect(undoWindowMs({ BPFSCOPE_UNDO_WINDOW_MS: '60000' })).toBe(60_000);
    for (const bad of ['', '0', '-5', '1.5', 'soon'])
      expect(undoWindowMs({ BPFSCOPE_UNDO_WINDOW_MS: bad })).toBe(10_000);
  });
});
