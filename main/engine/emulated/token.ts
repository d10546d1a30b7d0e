// BPF tokens as the kernel treats them in the initial user namespace, the only one the emulator has: no token can
// be created there (EOPNOTSUPP), so a token fd passed with BPF_F_TOKEN_FD is never a token; it is only looked up
// (EBADF, EINVAL) at the point of the command where the kernel does, and changes no other check.
import type { TokenArg } from '../../../shared/engine.js';

import { fail } from './stores.js';
import type { Tree } from './tree.js';

/** bpf_token_get_from_fd: an fd not open is EBADF, any other fd is not a token (EINVAL). */
export function checkTokenArg(token: TokenArg | undefined, isOpen: (handle: number) => boolean): void {
  if (!token?.flag) return;
  if (token.handle === null || !isOpen(token.handle)) fail('EBADF', 'The token fd is not open (EBADF).');
  fail('EINVAL', 'The token fd is not a BPF token (EINVAL).');
}

/** bpf_token_create on what open(path, O_RDONLY) gives, in the initial user namespace. */
export function createTokenAt(tree: Tree, path: string, flags: number, uid: number): void {
  // The path is opened first; then the kernel checks the flags and what the fd is.
  const found = tree.walk(path, true);
  // A pin without BTF cannot be opened (bpffs_obj_open).
  if (found.node.kind === 'pin') fail('EIO', 'A pinned object cannot be opened as a file (EIO).');
  if (flags !== 0) fail('EINVAL', 'BPF_TOKEN_CREATE takes no flags (EINVAL).');
  if (found.node.kind !== 'dir' || found.dir !== null) fail('EINVAL', 'A token needs the root of a bpffs (EINVAL).');
  if (uid !== 0) fail('EPERM', 'Creating a token needs CAP_BPF in the bpffs user namespace (EPERM).');
  fail('EOPNOTSUPP', 'The kernel creates no BPF token in the initial user namespace (EOPNOTSUPP).');
}
