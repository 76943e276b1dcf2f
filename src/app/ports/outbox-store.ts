/**
 * Port: the outbox, one row per proactive message of a cycle (id `chase|<upn>|<part>`, `escalate|<upn>` ...),
 * so a step resumes after a crash without sending twice or skipping anyone. A sender claims a row
 * (pending -> sending) conditionally on its version: only one claim can win.
 */

/** `retrying`: a temporary failure (throttled, 5xx) that a later run sends again; `failed` needs `resend failed`. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'unreachable' | 'retrying' | 'failed';

export interface OutboxRow {
  readonly cycleKey: string;
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
  /** The cycle step the message belongs to (`chase`, `reminder-5`, `escalate` ...; src/domain/message-id.ts), '' for none. */
  readonly step: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string;
  readonly activityId: string;
  readonly conversationId: string;
  readonly claimedAt: string;
  /** The lease holder that claimed it; a claim by a holder that lost its lease is taken over. */
  readonly claimedBy: string;
  readonly updatedAt: string;
  /** Opaque concurrency token of the row as read. */
  readonly etag: string;
}

export type OutboxResult = Partial<Pick<OutboxRow, 'status' | 'lastError' | 'activityId' | 'conversationId'>>;

/** A message to ensure a row for. */
export interface OutboxSpec {
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
}

export interface OutboxStore {
  /** Returns the row, creating it as pending if it does not exist yet. */
  ensure(cycleKey: string, id: string, recipient: string, kind: string, now: string): Promise<OutboxRow>;
  /**
   * The rows of many messages of one cycle, in the order given, each created as pending unless it exists:
   * new rows are written together (transactions of 100), so preparing a fan-out costs a few requests.
   */
  ensureMany(cycleKey: string, specs: readonly OutboxSpec[], now: string): Promise<OutboxRow[]>;
  get(cycleKey: string, id: string): Promise<OutboxRow | undefined>;
  /** -> sending, only if nobody changed the row since it was read; undefined when another claim won. */
  claim(row: OutboxRow, holder: string, now: string): Promise<OutboxRow | undefined>;
  finish(row: OutboxRow, result: OutboxResult, now: string): Promise<void>;
  /** The rows of a cycle, optionally only those whose id starts with `prefix`. */
  list(cycleKey: string, prefix?: string): Promise<OutboxRow[]>;
  /** Removes every row of the cycle (or, dry, only counts them): `purge` of old quarters. */
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<number>;
}
