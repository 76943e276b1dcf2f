/** The small interfaces use cases reach adapters through. Store classes and the Teams messenger implement them. */
import type { Cycle } from '../domain/cycle';
import type { Plan } from '../domain/plan';
import type { ItemKey, StoredReturn } from '../domain/returns';
import type { Channel, Person } from '../store/people-repository';
import type { VersionedReturn } from '../store/return-repository';
import type { Schedule } from '../domain/schedule';

export type { Channel, Person, VersionedReturn };

export interface PlanStore {
  load(): Promise<Plan | undefined>;
  schedule(): Promise<Schedule>;
}

export interface CycleStore {
  create(cycle: Cycle): Promise<{ cycle: Cycle; created: boolean }>;
  get(key: string): Promise<Cycle | undefined>;
  current(): Promise<Cycle | undefined>;
  all(): Promise<Cycle[]>;
  save(cycle: Cycle): Promise<void>;
}

export interface ReturnStore {
  list(cycleKey: string): Promise<StoredReturn[]>;
  history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]>;
  get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined>;
  save(cycleKey: string, value: StoredReturn, etag: string | undefined): Promise<void>;
  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>>;
  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void>;
}

/** An item handed to a colleague for one cycle. */
export interface Delegation {
  readonly to: string;
  readonly by: string;
  readonly at: string;
}

export interface PeopleStore {
  get(upn: string): Promise<Person | undefined>;
  byAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  upsert(upn: string, fields: Partial<Omit<Person, 'upn'>>, now: string): Promise<Person>;
  markUnreachable(upn: string, reason: string, now: string): Promise<void>;
  all(): Promise<Person[]>;
  smtChannel(): Promise<Channel | undefined>;
  setSmtChannel(channel: Channel): Promise<void>;
}

/** A proactive message: a card, or plain text. `ref` marks the card so it can be found in the chat again. */
export type OutboundMessage = (
  | { readonly card: Record<string, unknown>; readonly text?: string }
  | { readonly text: string; readonly card?: undefined }
) & { readonly ref?: string };

export interface SendOptions {
  /**
   * The message may already have gone out since this time (its sender died mid-send, or an earlier run
   * ended without a clear answer): the messenger looks for it in the chat before sending it again.
   */
  readonly mayAlreadyBeSentSince?: string;
}

export type SendResult =
  | {
      readonly outcome: 'sent';
      readonly activityId: string;
      readonly conversationId: string;
      /** Found already in the chat (sent before a crash): not sent again. */
      readonly foundInChat?: boolean;
    }
  | { readonly outcome: 'unreachable'; readonly reason: string }
  | { readonly outcome: 'retry-later'; readonly error: string }
  | { readonly outcome: 'failed'; readonly error: string };

/** Sends proactively into a stored conversation (opaque JSON reference). Never throws for delivery problems. */
export interface Messenger {
  send(conversation: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Runs a message failing temporarily is tried in before it is marked failed (the sender's policy). */
  readonly maxRuns?: number;
}
