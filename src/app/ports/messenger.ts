/** Port: proactive sends into a stored conversation. The Teams messenger implements it. */

import type { Unreachable } from './people-store';

/** A card as JSON (Adaptive Card). */
export type CardJson = Record<string, unknown>;

/** Any other Bot Framework attachment, e.g. Teams' file consent card. */
export interface Attachment {
  readonly contentType: string;
  readonly name?: string;
  readonly contentUrl?: string;
  readonly content?: unknown;
}

/**
 * A proactive message: a card, plain text, or another attachment. `ref` marks the card so it can be found
 * in the chat again.
 */
export type OutboundMessage = (
  | { readonly card: CardJson; readonly text?: string; readonly attachment?: undefined }
  | { readonly text: string; readonly card?: undefined; readonly attachment?: undefined }
  | { readonly attachment: Attachment; readonly card?: undefined; readonly text?: string }
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
  | ({ readonly outcome: 'unreachable' } & Unreachable)
  | { readonly outcome: 'retry-later'; readonly error: string }
  | { readonly outcome: 'failed'; readonly error: string };

/** Never throws for delivery problems: every outcome is a labelled result. */
export interface Messenger {
  send(conversation: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Runs a message failing temporarily is tried in before it is marked failed (the sender's policy). */
  readonly maxRuns?: number;
}
