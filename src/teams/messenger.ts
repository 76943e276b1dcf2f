/**
 * Proactive messages into stored conversations, paced to Teams' limits and retried by one policy.
 * Every outcome is labelled: sent / unreachable (403, 404) / retry-later (still temporary) / failed.
 */
import { CardFactory, MessageFactory, type ConversationReference } from 'botbuilder';
import type { Messenger, OutboundMessage, SendOptions, SendResult } from '../app/ports';
import { withRef } from '../shared/card-ref';
import { botTokenProvider, ConnectorClient } from './connector-client';
import { createDeliveryCheck, type DeliveryCheck, type ProblemSink } from './delivery-check';
import type { Config } from '../config';
import {
  DEFAULT_RETRY_POLICY,
  isTemporary,
  parseRetryAfter,
  retryDelay,
  UNREACHABLE_STATUSES,
  type RetryPolicy,
} from './retry-policy';
import { realClock, Throttle, type Clock } from './throttle';

export function toActivity(message: OutboundMessage) {
  if (message.card)
    return MessageFactory.attachment(
      CardFactory.adaptiveCard(withRef(message.card, message.ref)),
      message.text,
    );
  if (message.attachment) return MessageFactory.attachment({ ...message.attachment }, message.text);
  return MessageFactory.text(message.text);
}

export interface MessengerOptions {
  readonly policy?: RetryPolicy;
  readonly throttle?: Throttle;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Looks for a message in the chat before sending it again when it may already have gone out. */
  readonly check?: DeliveryCheck;
}

export class TeamsMessenger implements Messenger {
  private readonly policy: RetryPolicy;
  private readonly throttle: Throttle;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly check: DeliveryCheck | undefined;

  constructor(
    private readonly client: ConnectorClient,
    options: MessengerOptions = {},
  ) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.throttle = options.throttle ?? new Throttle();
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.check = options.check;
  }

  get maxRuns(): number {
    return this.policy.maxRuns;
  }

  async send(conversation: string, message: OutboundMessage, options: SendOptions = {}): Promise<SendResult> {
    let reference: Partial<ConversationReference>;
    try {
      reference = JSON.parse(conversation) as Partial<ConversationReference>;
    } catch {
      return {
        outcome: 'unreachable',
        code: 'no-conversation',
        reason: 'no valid conversation stored: they need to open the app once',
      };
    }
    const conversationId = reference.conversation?.id ?? '';
    const alreadyThere = async (since: string | undefined): Promise<SendResult | undefined> =>
      since && message.ref && (await this.check?.seen(reference, message.ref, since)) === 'yes'
        ? { outcome: 'sent', activityId: '', conversationId, foundInChat: true }
        : undefined;
    const found = await alreadyThere(options.mayAlreadyBeSentSince);
    if (found) return found;
    const activity = toActivity(message) as unknown as Record<string, unknown>;
    const started = new Date(this.clock.now()).toISOString();
    for (let attempt = 1; ; attempt++) {
      await this.throttle.acquire(conversationId);
      const response = await this.client.post(reference, activity);
      if (response.status !== undefined && response.status >= 200 && response.status < 300) {
        return { outcome: 'sent', activityId: response.activityId, conversationId };
      }
      if (response.status !== undefined && UNREACHABLE_STATUSES.includes(response.status)) {
        return {
          outcome: 'unreachable',
          code: response.status === 403 ? 'removed' : 'no-conversation',
          reason:
            response.status === 403
              ? 'blocked or removed the app'
              : 'the conversation no longer exists (app removed)',
        };
      }
      if (!isTemporary(this.policy, response.status)) return { outcome: 'failed', error: response.error };
      const delay = retryDelay(
        this.policy,
        attempt,
        parseRetryAfter(response.retryAfter, this.clock.now()),
        this.random(),
      );
      if (delay === undefined) return { outcome: 'retry-later', error: response.error };
      await this.clock.sleep(delay);
      // No answer at all (timeout, dropped connection): the message may have arrived; look before resending.
      if (response.status === undefined) {
        const arrived = await alreadyThere(started);
        if (arrived) return arrived;
      }
    }
  }
}

/** The messenger the app uses: direct connector calls with the bot's credentials. */
export function createMessenger(config: Config, onProblem?: ProblemSink): TeamsMessenger {
  return new TeamsMessenger(new ConnectorClient(botTokenProvider(config)), {
    check: createDeliveryCheck(config, onProblem),
  });
}
