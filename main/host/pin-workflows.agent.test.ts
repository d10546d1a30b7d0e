// The pin-workflow suite through the pipe: every step is a frame to a real agent child process and back, on the
// emulated engine and on the native engine over a private bpffs.
import { afterEach, beforeEach, describe } from 'vitest';

import { type AgentUnderTest, startAgent } from '../../test/support/agent.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../../test/support/bpffs.js';
import { definePinWorkflowTests } from '../../test/support/pin-workflows.js';

const agents: AgentUnderTest[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.connection.dispose()));
});

async function open(args: string[]) {
  const agent = await startAgent({ args });
  agents.push(agent);
  return agent.api;
}

describe('pin workflows through an agent on the emulated engine', { timeout: 60_000 }, () => {
  definePinWorkflowTests({ open: () => open(['--engine', 'emulated', '--empty']) });
});

const cannotMount = canMountBpffs();
if (cannotMount) console.warn(`[pin-workflows.agent.test.ts] native part skipped: ${cannotMount}`);

describe.skipIf(cannotMount !== undefined)(
  'pin workflows through an agent on the native engine',
  { timeout: 60_000 },
  () => {
    let mount: PrivateBpffs;
    beforeEach(async () => void (mount = await mountPrivateBpffs()));
    // The agents end before their mount goes.
    afterEach(async () => {
      await Promise.all(agents.splice(0).map((a) => a.connection.dispose()));
      await mount.cleanup();
    });
    definePinWorkflowTests({
      open: () => open(['--engine', 'native', '--bpffs', mount.dir]),
    });
  },
);
