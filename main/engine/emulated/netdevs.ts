// A network device going away on the emulated host: as the kernel does on unregister, every xdp, tcx and netkit
// link on it is detached and reports ifindex 0 from then on; a pinned one stays, defunct, holding its program.
import type { EmulatedEngine } from './engine.js';

const NETDEV_LINKS = new Set(['xdp', 'tcx', 'netkit']);

/** Deletes the device `ifindex`; answers how many links it detached. */
export function deleteNetdev(engine: EmulatedEngine, ifindex: number): number {
  let detached = 0;
  for (const obj of engine.objects.all()) {
    if (obj.kind !== 'link' || !NETDEV_LINKS.has(obj.type) || obj.attach.ifindex !== ifindex) continue;
    obj.attach = { ...obj.attach, ifindex: 0 };
    detached++;
  }
  return detached;
}
