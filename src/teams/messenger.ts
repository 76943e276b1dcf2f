/**
 * Proactive messages into stored conversations, paced to Teams' limits and retried by one policy.
 * Every outcome is labelled: sent / unreachable (403, 404) / retry-later (still temporary) / failed.
 */
import { CardFactory, MessageFactory, type ConversationReference } from 'botbuilder';
import type { Messenger, OutboundMessage, SendResult } from '../app/ports';
import { botTokenProvider, ConnectorClient } from './connector-client';
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
  return message.card
    ? MessageFactory.attachment(CardFactory.adaptiveCard(message.card), message.text)
    : MessageFactory.text(message.text);
}

export class TeamsMessenger implements Messenger {
  constructor(
    private readonly client: ConnectorClient,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly throttle: Throttle = new Throttle(),
    private readonly clock: Clock = realClock,
    private readonly random: () => number = Math.random,
  ) {}

  get maxRuns(): number {
    return this.policy.maxRuns;
  }

  async send(conversation: string, message: OutboundMessage): Promise<SendResult> {
    let reference: Partial<ConversationReference>;
    try {
      reference = JSON.parse(conversation) as Partial<ConversationReference>;
    } catch {
      return {
        outcome: 'unreachable',
        reason: 'no valid conversation stored: they need to open the app once',
      };
    }
    const conversationId = reference.conversation?.id ?? '';
    const activity = toActivity(message) as unknown as Record<string, unknown>;
    for (let attempt = 1; ; attempt++) {
      await this.throttle.acquire(conversationId);
      const response = await this.client.post(reference, activity);
      if (response.status !== undefined && response.status >= 200 && response.status < 300) {
        return { outcome: 'sent', activityId: response.activityId, conversationId };
      }
      if (response.status !== undefined && UNREACHABLE_STATUSES.includes(response.status)) {
        return {
          outcome: 'unreachable',
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
    }
  }
}

/** The messenger the app uses: direct connector calls with the bot's credentials. */
export function createMessenger(config: Config): TeamsMessenger {
  return new TeamsMessenger(new ConnectorClient(botTokenProvider(config)));
}
