// A link whose target is gone, made from outside: a veth pair with its peer in a test network namespace, an xdp
// link (BPF_LINK_CREATE) on the host end pinned on the private bpffs, then the namespace deleted, which takes the
// pair with it; the kernel then reports the link's ifindex as 0.
import { execFileSync } from 'node:child_process';
import { closeSync, readFileSync } from 'node:fs';

import { objGet, objPin } from '../../main/engine/native/commands.js';
import { ATTR_SIZE, bpf } from '../../main/engine/native/sys.js';

const BPF_LINK_CREATE = 28;
const BPF_XDP = 37;

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });

/** Undefined when `ip netns` and veth work here, else why not. */
export function netnsSkipReason(): string | undefined {
  const ns = `bpfsc-probe-${process.pid}`;
  try {
    ip('netns', 'add', ns);
    ip('netns', 'del', ns);
    return undefined;
  } catch (e) {
    return `ip netns add failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Pins at `linkPin` an xdp link of the program pinned at `progPin` on a veth that is then deleted. */
export function pinDeadXdpLink(progPin: string, linkPin: string): void {
  const ns = `bpfsc-dead-${process.pid}`;
  const dev = `bsd${process.pid % 1_000_000}`;
  ip('netns', 'add', ns);
  try {
    ip('link', 'add', dev, 'type', 'veth', 'peer', 'name', `${dev}p`, 'netns', ns);
    const ifindex = Number(readFileSync(`/sys/class/net/${dev}/ifindex`, 'utf8'));
    const progFd = objGet(progPin, 0);
    try {
      const attr = Buffer.alloc(ATTR_SIZE);
      attr.writeUInt32LE(progFd, 0);
      attr.writeUInt32LE(ifindex, 4);
      attr.writeUInt32LE(BPF_XDP, 8);
      const linkFd = bpf(BPF_LINK_CREATE, attr);
      try {
        objPin(linkFd, linkPin);
      } finally {
        closeSync(linkFd);
      }
    } finally {
      closeSync(progFd);
    }
  } finally {
    // Deleting the namespace destroys the peer, and a veth pair goes as a whole.
    ip('netns', 'del', ns);
  }
}
