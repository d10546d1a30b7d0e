// The Pin health view's report, and the check that renews it.
import type { ApiClient } from '../../shared/contract.js';
import type { HealthFinding, PinHealthReport } from '../../shared/pin-health.js';

import type { GetState, SetState } from './types.js';

export interface HealthSlice {
  health: PinHealthReport | null;
  healthBusy: boolean;
  checkPinHealth(path?: string): Promise<void>;
}

export function createHealthSlice(api: ApiClient, set: SetState, get: GetState): HealthSlice {
  return {
    health: null,
    healthBusy: false,
    checkPinHealth: async (path = '') => {
      set({ healthBusy: true });
      try {
        set({ health: await api.pinHealth({ path }) });
      } catch (err) {
        get().notifyError(err, 'Checking pin health');
      } finally {
        set({ healthBusy: false });
      }
    },
  };
}

/** The findings about the pin at `path` in the last report. */
export function findingsAt(report: PinHealthReport | null, path: string): HealthFinding[] {
  return report?.findings.filter((f) => f.pins.includes(path)) ?? [];
}
