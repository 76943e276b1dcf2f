/** In-memory DigestStore. */
import type { DigestStore, Stamp } from '../../app/ports';
import type { Review } from '../../domain/digest';
import { copy } from './versions';

interface QuarterState {
  readonly reviews: Map<string, Review>;
  approval?: Stamp | undefined;
  published?: Stamp | undefined;
}

export class MemoryDigestStore implements DigestStore {
  private readonly quarters = new Map<string, QuarterState>();

  private quarter(cycleKey: string): QuarterState {
    let q = this.quarters.get(cycleKey);
    if (!q) {
      q = { reviews: new Map() };
      this.quarters.set(cycleKey, q);
    }
    return q;
  }

  reviews(cycleKey: string): Promise<Map<string, Review>> {
    const entries = [...this.quarter(cycleKey).reviews].sort(([a], [b]) => (a < b ? -1 : 1));
    return Promise.resolve(new Map(entries.map(([k, r]) => [k, copy(r)])));
  }

  saveReview(cycleKey: string, supportingOutcomeId: string, review: Review): Promise<void> {
    this.quarter(cycleKey).reviews.set(supportingOutcomeId, copy(review));
    return Promise.resolve();
  }

  approval(cycleKey: string): Promise<Stamp | undefined> {
    return Promise.resolve(copy(this.quarter(cycleKey).approval));
  }

  approve(cycleKey: string, stamp: Stamp): Promise<void> {
    this.quarter(cycleKey).approval = copy(stamp);
    return Promise.resolve();
  }

  withdrawApproval(cycleKey: string): Promise<void> {
    this.quarter(cycleKey).approval = undefined;
    return Promise.resolve();
  }

  published(cycleKey: string): Promise<Stamp | undefined> {
    return Promise.resolve(copy(this.quarter(cycleKey).published));
  }

  markPublished(cycleKey: string, stamp: Stamp): Promise<void> {
    this.quarter(cycleKey).published = copy(stamp);
    return Promise.resolve();
  }
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<number> {
    const q = this.quarters.get(cycleKey);
    const rows = q ? q.reviews.size + (q.approval ? 1 : 0) + (q.published ? 1 : 0) : 0;
    if (!dryRun) this.quarters.delete(cycleKey);
    return Promise.resolve(rows);
  }
}
