/** What a fan-out is given and what it reports (shared by fanout.ts and send-message.ts). */
import type { AppDeps, OutboundMessage } from '../ports';

export interface PlannedMessage {
  /** Stable id within the cycle, e.g. `chase|<upn>|1`. */
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
  /** A conversation to post into instead of the recipient's 1:1 chat (e.g. the SMT channel). */
  readonly conversation?: string;
  /** Built only when the message is actually sent (so a resumed step sends current content). */
  readonly build: () => Promise<OutboundMessage>;
}

export interface FanoutResult {
  readonly sent: string[];
  readonly alreadyDone: string[];
  readonly unreachable: { readonly recipient: string; readonly reason: string }[];
  readonly failed: { readonly recipient: string; readonly error: string }[];
  /** Temporary failures (throttled, 5xx): sent again by a later run. */
  readonly retrying: string[];
  /** Claimed by another live sender. */
  readonly busy: string[];
  /** Found gone from the directory during this send, though reached before: reassign their items. */
  readonly left: string[];
}

/** A fresh result with nothing in it (new arrays each time: fanOut fills them in). */
export function emptyResult(): FanoutResult {
  return { sent: [], alreadyDone: [], unreachable: [], failed: [], retrying: [], busy: [], left: [] };
}

export type FanoutDeps = Pick<AppDeps, 'outbox' | 'people' | 'messenger' | 'installer'>;

export interface FanoutOptions {
  /** Who is sending: the send-lease holder, or a one-off sender (a hand-over). */
  readonly holder: string;
  /**
   * Take over a claim left by another holder: under the send lease, such a claim is that of a sender that
   * lost the lease (it died, or stalled past the lease's expiry), and its message is looked for in the chat
   * before it is sent again. A one-off sender outside the lease (a hand-over) sets false: it never takes a
   * claim that a live sender may still be sending, so two such senders send each message once. @default true
   */
  readonly takeOverClaims?: boolean;
  /** Send rows marked failed again (`resend failed`). */
  readonly retryFailed?: boolean;
  /** Runs a temporarily failing message is tried in before it is marked failed. @default 10 */
  readonly maxRuns?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked every 25 messages; false = we lost the lease, stop. */
  readonly stillHolding?: () => Promise<boolean>;
  /** Recipients sent to at once (each one's messages still go in order). @default 24 */
  readonly concurrency?: number;
  /** How many messages to expect, for progress, when `messages` is produced as it goes. */
  readonly expected?: number;
  /** Runs with each chunk's recipients before any of them is sent to (the chase writes their card rows). */
  readonly prepare?: (recipients: readonly string[]) => Promise<void>;
}
