// BPF_ENABLE_STATS: run_cnt / run_time_ns are counted while at least one stats fd is open.
import { closeSync } from 'node:fs';

import { BpfError } from '../../../shared/errors.js';

import { ATTR_SIZE, bpf } from './sys.js';

const ENABLE_STATS = 32;
const STATS_RUN_TIME = 0;

/** The stats fds bpfscope holds, by token; closing the last one turns the counting off. */
export class StatsTokens {
  private readonly fds = new Map<number, number>();
  private next = 1;

  enable(): number {
    const attr = Buffer.alloc(ATTR_SIZE);
    attr.writeUInt32LE(STATS_RUN_TIME, 0);
    const fd = bpf(ENABLE_STATS, attr);
    const token = this.next++;
    this.fds.set(token, fd);
    return token;
  }

  disable(token: number): void {
    const fd = this.fds.get(token);
    if (fd === undefined) {
      throw new BpfError('EBADF', `Statistics token ${token} is not active.`, { hint: 'Turn statistics on first.' });
    }
    this.fds.delete(token);
    closeSync(fd);
  }

  closeAll(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
