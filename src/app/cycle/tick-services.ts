/**
 * The tick of a deployment with services: under the one send lease of the deployment (so two instances,
 * or two services, never fan out at once and together stay under Teams' ceiling), every active service's
 * due work, then the council digest.
 */
import { isActive } from '../../domain/service';
import { councilStep, type CouncilStepReport } from '../digest/council';
import type { AppDeps, ServiceSpace } from '../ports';
import { withSendLease, type LeaseOptions } from '../sending/send-lease';
import { listServices, serviceDeps } from '../council/services';
import { tickWork, type TickReport } from './tick';

export interface ServicesTickReport extends TickReport {
  readonly council: readonly CouncilStepReport[];
}

export async function tickServices(
  deps: AppDeps,
  space: ServiceSpace,
  configuredManagers: readonly string[],
  now: string,
  lease: LeaseOptions,
  onProgress?: (step: string, done: number, total: number) => void,
): Promise<ServicesTickReport> {
  const report = await withSendLease(lease, async (holding): Promise<ServicesTickReport> => {
    const all = await listServices(space, now);
    const active = all.filter(isActive);
    if (active.length === 0)
      return { busy: false, ...(await tickWork(deps, now, holding, onProgress)), council: [] };
    const opened: string[] = [];
    const steps: TickReport['steps'][number][] = [];
    const failed: { service: string; error: string }[] = [];
    for (const service of active) {
      const scoped = serviceDeps(deps, space, service, all, configuredManagers);
      let work: Awaited<ReturnType<typeof tickWork>>;
      try {
        work = await tickWork(scoped, now, holding, onProgress);
      } catch (error) {
        // One service's failure (its tables, a broken row) must not stop the services after it.
        failed.push({ service: service.key, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      // With several services each line names its service: `lra 2016-17-Q1`.
      const named = (key: string) => (active.length > 1 ? `${service.key} ${key}` : key);
      opened.push(...work.opened.map(named));
      steps.push(...work.steps.map((s) => ({ ...s, cycle: named(s.cycle) })));
    }
    const council = await councilStep(deps, space, all, now, holding);
    return { busy: false, opened, steps, council, ...(failed.length ? { failed } : {}) };
  });
  return report ?? { busy: true, opened: [], steps: [], council: [] };
}
