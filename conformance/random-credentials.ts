// Random operations on modes and owners, and path operations run as another user: what decides them is the
// permission model (search, write and sticky-free folder rules, owner-only chmod, root-only chown), which the rest
// of the random run, always root, never reaches.
import fc from 'fast-check';

import type { ScenarioOp } from './scenario.js';

/** Modes that open and close each permission class: none, owner only, group and others read/search. */
const MODES = [0, 0o700, 0o755, 0o555, 0o644, 0o777, 0o1777];
/** Root, and one user with no capabilities (as_user children have no supplementary groups). */
const IDS = [0, 1000];

type Weighted = { weight: number; arbitrary: fc.Arbitrary<ScenarioOp> };

export function credentialRandomOps(path: fc.Arbitrary<string>): Weighted[] {
  const id = fc.constantFrom(...IDS);
  const chmod = fc.record({ path, mode: fc.constantFrom(...MODES) }).map((r) => ({ op: 'chmod', ...r }) as ScenarioOp);
  const chown = fc
    .record({ path, uid: fc.option(id, { nil: undefined }), gid: fc.option(id, { nil: undefined }) })
    .map(({ path, uid, gid }) => {
      const op: ScenarioOp = { op: 'chown', path };
      if (uid !== undefined) op.uid = uid;
      if (gid !== undefined) op.gid = gid;
      return op;
    });
  const owner = fc.record({ path }).map((r) => ({ op: 'owner', ...r }) as ScenarioOp);
  // What another user may try on paths: the operations whose refusals come from modes and owners.
  const asUser = fc.oneof(
    fc.record({ path }).map((r) => ({ op: 'mkdir', ...r })),
    fc.record({ path }).map((r) => ({ op: 'rmdir', ...r })),
    fc.record({ path }).map((r) => ({ op: 'unlink', ...r })),
    fc.record({ from: path, to: path }).map((r) => ({ op: 'rename', ...r })),
    fc.record({ from: path, to: path }).map((r) => ({ op: 'link', ...r })),
    fc.record({ target: path, path }).map((r) => ({ op: 'symlink', ...r })),
    fc.record({ path }).map((r) => ({ op: 'stat', ...r })),
    fc.record({ path }).map((r) => ({ op: 'list', ...r })),
    chmod,
    chown,
    owner,
  );
  return [
    { weight: 1, arbitrary: chmod },
    { weight: 1, arbitrary: chown },
    { weight: 1, arbitrary: owner },
    {
      // A child process per user on the kernel's side: rarer than the rest, each one costs a spawn.
      weight: 1,
      arbitrary: fc
        .record({ uid: id, do: asUser })
        .map(({ uid, do: op }) => ({ op: 'as_user', uid, gid: uid, do: op }) as ScenarioOp),
    },
  ];
}
