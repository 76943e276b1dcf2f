/**
 * Port: the email fallback (EMAIL_FALLBACK_FROM). An owner the bot cannot reach in Teams gets one email
 * per chase, reminder or escalation, through the outbox (Microsoft Graph sendMail in production).
 */

/** One email, as plain parts: the adapter lays it out (and escapes it). */
export interface Email {
  readonly to: string;
  readonly subject: string;
  /** Paragraphs and bullet lines, in order. */
  readonly lines: readonly string[];
  /** The button-like link that opens the chat with the bot in Teams (after `lines`). */
  readonly link: { readonly text: string; readonly url: string };
  /** Paragraphs after the link. */
  readonly after: readonly string[];
  /** Where a reply by email goes: the service managers, who record it. */
  readonly replyTo: readonly string[];
  /** Stable reference of the outbox row, in the subject: finds the email in Sent Items after a crash. */
  readonly ref: string;
}

export type MailResult =
  | { readonly outcome: 'sent'; readonly foundInSentItems?: boolean }
  /** Throttled, a 5xx, no answer, or no token: a later run sends it. */
  | { readonly outcome: 'retry-later'; readonly error: string }
  /** Will not go until someone fixes something (permission, mailbox, address): the error says what. */
  | { readonly outcome: 'failed'; readonly error: string };

export interface Mailer {
  /** Never throws for delivery problems. `mayAlreadyBeSentSince`: look in Sent Items before sending again. */
  send(email: Email, options?: { readonly mayAlreadyBeSentSince?: string }): Promise<MailResult>;
}

/** The email fallback as configured. */
export interface EmailFallback {
  readonly mailer: Mailer;
  /** An owner unreachable in Teams for this long after a message failed to reach them is emailed. */
  readonly afterMinutes: number;
  /** Opens the 1:1 chat with the bot: https://teams.microsoft.com/l/chat/0/0?users=28:<bot id>. */
  readonly chatLink: string;
  /** The sending mailbox: its daily allowance is counted under its name. */
  readonly from: string;
  /** Emails a day from the mailbox (EMAIL_PER_DAY), across every instance and restart. */
  readonly perDay: number;
}
