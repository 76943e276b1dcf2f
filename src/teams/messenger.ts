/**
 * Proactive messages into stored conversations. Delivery problems come back as labelled results:
 * 403/404 = the person removed or blocked the bot (unreachable); anything else = failed.
 */
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Messenger, OutboundMessage, SendResult } from '../app/ports';

export function statusCodeOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.response?.status === 'number') return e.response.status;
  return undefined;
}

export function toActivity(message: OutboundMessage) {
  return message.card
    ? MessageFactory.attachment(CardFactory.adaptiveCard(message.card), message.text)
    : MessageFactory.text(message.text);
}

export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(conversation: string, message: OutboundMessage): Promise<SendResult> {
    let reference: Partial<ConversationReference>;
    try {
      reference = JSON.parse(conversation) as Partial<ConversationReference>;
    } catch {
      return {
        outcome: 'unreachable',
        reason: 'no valid conversation stored: ask them to open the app once',
      };
    }
    let activityId = '';
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        const response = await context.sendActivity(toActivity(message));
        activityId = response?.id ?? '';
      });
      return { outcome: 'sent', activityId, conversationId: reference.conversation?.id ?? '' };
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 403 || status === 404)
        return { outcome: 'unreachable', reason: 'removed or blocked the app' };
      return {
        outcome: 'failed',
        error: `${status ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          500,
        ),
      };
    }
  }
}
