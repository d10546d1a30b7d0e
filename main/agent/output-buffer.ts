// A wider stdout for the agent: map view windows are hundreds of KB each, and with the default socket buffer
// (208 KiB) or pipe (64 KiB) a reply stalls the agent several times until the client has read it, each stall a
// sleep and wake of both processes. A few MiB let a batch of replies leave in one write.
import { fstatSync } from 'node:fs';

const SOL_SOCKET = 1;
const SO_SNDBUF = 7;
/** Like SO_SNDBUF, but past net.core.wmem_max; needs CAP_NET_ADMIN (a root agent has it). */
const SO_SNDBUFFORCE = 32;
const F_SETPIPE_SZ = 1031;
const F_GETPIPE_SZ = 1032;

/** What the agent asks for; the kernel may grant less (wmem_max, pipe-max-size) and says what it gave. */
export const OUTPUT_BUFFER_BYTES = 4 * 1024 * 1024;

interface Calls {
  setsockopt(fd: number, level: number, name: number, value: number[], length: number): number;
  getsockopt(fd: number, level: number, name: number, value: number[], length: number[]): number;
  fcntl(fd: number, cmd: number, arg: number): number;
}

async function loadCalls(): Promise<Calls> {
  const koffi = (await import('koffi')).default;
  const libc = koffi.load('libc.so.6');
  return {
    setsockopt: libc.func('int setsockopt(int fd, int level, int name, _In_ int *value, unsigned int length)'),
    getsockopt: libc.func(
      'int getsockopt(int fd, int level, int name, _Out_ int *value, _Inout_ unsigned int *length)',
    ),
    fcntl: libc.func('int fcntl(int fd, int cmd, int arg)'),
  } as Calls;
}

/**
 * Widens the buffer behind `fd` (a socket or a pipe) towards `bytes`; returns what it now holds, or why it
 * stayed as it was. Never throws: a narrow buffer is slower, not wrong.
 */
export async function widenOutputBuffer(fd = 1, bytes = OUTPUT_BUFFER_BYTES): Promise<string> {
  if (process.platform !== 'linux') return `left as it is (${process.platform})`;
  try {
    const stat = fstatSync(fd);
    const calls = await loadCalls();
    if (stat.isSocket()) {
      if (calls.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, [bytes], 4) < 0)
        calls.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, [bytes], 4);
      const out = [0];
      calls.getsockopt(fd, SOL_SOCKET, SO_SNDBUF, out, [4]);
      return `socket send buffer ${out[0]} bytes`;
    }
    if (stat.isFIFO()) {
      // Unprivileged, a pipe grows up to fs.pipe-max-size (1 MiB by default): try that when more is refused.
      if (calls.fcntl(fd, F_SETPIPE_SZ, bytes) < 0) calls.fcntl(fd, F_SETPIPE_SZ, 1024 * 1024);
      return `pipe buffer ${calls.fcntl(fd, F_GETPIPE_SZ, 0)} bytes`;
    }
    return 'left as it is (neither a socket nor a pipe)';
  } catch (e) {
    return `left as it is (${(e as Error).message})`;
  }
}
