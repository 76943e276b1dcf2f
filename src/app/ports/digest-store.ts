/** Port: the digest's review state per quarter: overall commentary and overrides, approval, publication. */
import type { Review } from '../../domain/digest';

export interface Stamp {
  readonly by: string;
  readonly at: string;
  /** A publication: the instant of the approval it published (the record is the quarter as it stood then). */
  readonly asAt?: string | undefined;
}

export interface DigestStore {
  /** Reviews by supporting-outcome id. */
  reviews(cycleKey: string): Promise<Map<string, Review>>;
  saveReview(cycleKey: string, supportingOutcomeId: string, review: Review): Promise<void>;
  approval(cycleKey: string): Promise<Stamp | undefined>;
  approve(cycleKey: string, stamp: Stamp): Promise<void>;
  /** A change after approval needs approving again. */
  withdrawApproval(cycleKey: string): Promise<void>;
  published(cycleKey: string): Promise<Stamp | undefined>;
  markPublished(cycleKey: string, stamp: Stamp): Promise<void>;
  /** Removes every row of the cycle (or, dry, only counts them): `purge` of old quarters. */
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<number>;
}
