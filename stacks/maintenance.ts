/** Each stamp's AKS maintenance window, from the environment's rollout waves (model/maintenance.ts). */
import type { Environment } from '../config/environment';
import { maintenanceWindows, type WeeklyWindow } from '../model/maintenance';

const cache = new WeakMap<Environment, Map<string, WeeklyWindow>>();

export function maintenanceWindow(env: Environment, stampId: string): WeeklyWindow {
  let windows = cache.get(env);
  if (!windows) {
    windows = maintenanceWindows(env.name, env.stamps, env.config.rollout.canary, env.config.aks.maintenance);
    cache.set(env, windows);
  }
  const w = windows.get(stampId);
  if (!w) throw new Error(`${env.name}: no maintenance window for ${stampId}`);
  return w;
}
