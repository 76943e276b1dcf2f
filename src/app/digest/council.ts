/**
 * The council digest: when every active service with a quarter of that name has published its digest,
 * one summary goes to the corporate channel (through the outbox: once, never skipped). `report --council`
 * gives the committee version of the same summary.
 */
import { formatMessageId } from '../../domain/message-id';
import { councilSummary, type CouncilServiceInput, type CouncilSummary } from '../../domain/council';
import { formatQuarter, parseQuarterKey } from '../../domain/quarter';
import { isActive, type Service } from '../../domain/service';
import { loadDigest } from './digest';
import { fanOut, type FanoutResult, type PlannedMessage } from '../sending/fanout';
import type { AppDeps, ServiceSpace } from '../ports';
import type { Holding } from '../sending/send-lease';
import { serviceStores } from '../council/services';

/** The outbox partition of a quarter's council digest (apart from any service's quarter keys). */
export const councilCycleKey = (quarterKey: string) => `council-${quarterKey}`;

/** The council summary of a quarter, from each service's digest as it stands (published or not). */
export async function loadCouncil(
  space: ServiceSpace,
  services: readonly Service[],
  quarterKey: string,
): Promise<CouncilSummary> {
  const inputs: CouncilServiceInput[] = [];
  for (const service of services) {
    const stores = serviceStores(space, service);
    const cycle = await stores.cycles.get(quarterKey);
    if (!cycle) {
      inputs.push({ key: service.key, name: service.name, published: false });
      continue;
    }
    const [digest, published] = await Promise.all([
      loadDigest(stores, cycle),
      stores.digests.published(cycle.key),
    ]);
    inputs.push({ key: service.key, name: service.name, digest, published: published !== undefined });
  }
  return councilSummary(formatQuarter(parseQuarterKey(quarterKey)), inputs);
}

export interface CouncilStepReport {
  readonly quarter: string;
  readonly result: FanoutResult;
}

/**
 * Posts the council digest of each quarter that every service has published (services without that
 * quarter do not hold it back), once. Needs a corporate channel; without one it waits.
 */
export async function councilStep(
  deps: Pick<AppDeps, 'outbox' | 'people' | 'messenger' | 'cards' | 'zone'>,
  space: ServiceSpace,
  all: readonly Service[],
  now: string,
  holding: Holding,
): Promise<CouncilStepReport[]> {
  const channel = (await space.services.council()).corporateChannel;
  const active = all.filter(isActive);
  if (!channel || active.length < 2) return [];
  const quarters = new Map<string, boolean>();
  for (const service of active) {
    const stores = serviceStores(space, service);
    for (const cycle of await stores.cycles.all()) {
      const published = (await stores.digests.published(cycle.key)) !== undefined;
      quarters.set(cycle.key, (quarters.get(cycle.key) ?? true) && published);
    }
  }
  const reports: CouncilStepReport[] = [];
  for (const [quarterKey, allPublished] of quarters) {
    if (!allPublished) continue;
    const key = councilCycleKey(quarterKey);
    const done = await deps.outbox.list(key);
    if (done.length > 0 && done.every((r) => r.status === 'sent')) continue;
    const summary = await loadCouncil(space, active, quarterKey);
    const cards = deps.cards.council(summary);
    const messages: PlannedMessage[] = cards.map((card, i) => ({
      id: formatMessageId({ kind: 'council', part: i + 1 }),
      recipient: 'corporate-channel',
      kind: 'council-digest',
      conversation: channel.conversation,
      build: () => Promise.resolve({ card }),
    }));
    const result = await fanOut(deps, key, messages, () => now, {
      holder: holding.holder,
      stillHolding: holding.stillHolding,
    });
    reports.push({ quarter: quarterKey, result });
  }
  return reports;
}
