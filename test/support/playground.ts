/** Drives the Microsoft 365 Agents Playground through its HTTP API and WebSocket stream (no browser). */
import WebSocket from 'ws';

export interface PlaygroundMessage {
  readonly conversationId: string;
  readonly messageId: string;
  readonly card?: Record<string, unknown>;
  readonly text?: string;
}

export class PlaygroundClient {
  readonly messages: PlaygroundMessage[] = [];
  private ws?: WebSocket;
  constructor(readonly url: string) {}

  async connect(): Promise<void> {
    this.ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    this.ws.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString()) as {
        action?: string;
        actionConversationId?: string;
        message?: { messageId: string; text?: string; attachments?: { content: Record<string, unknown> }[] };
      };
      if ((event.action === 'createMessage' || event.action === 'updateMessage') && event.message) {
        this.messages.push({
          conversationId: event.actionConversationId ?? '',
          messageId: event.message.messageId,
          card: event.message.attachments?.[0]?.content,
          text: event.message.text,
        });
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.ws?.once('open', () => resolve());
      this.ws?.once('error', reject);
    });
  }

  close(): void {
    this.ws?.close();
  }

  async config(): Promise<{
    config: { currentUser: { id: string }; personalChat: { id: string }; bot: { id: string; name: string } };
  }> {
    return (await (await fetch(`${this.url}/_internal/v1/config`)).json()) as never;
  }

  /** Sends the install event Teams sends when a user adds the app. */
  async install(conversationId: string): Promise<void> {
    const template = await (
      await fetch(
        `${this.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}&type=install`,
      )
    ).json();
    const res = await fetch(`${this.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(template),
    });
    if (!res.ok) throw new Error(`install failed: ${res.status}`);
  }

  /** Sends a message; in a channel, pass `mention` (the bot): there a person must @mention the bot. */
  async say(
    conversationId: string,
    userId: string,
    text: string,
    mention?: { id: string; name: string },
  ): Promise<void> {
    const tag = mention ? `<at>${mention.name}</at>` : '';
    const body = mention
      ? {
          from: { id: userId },
          text: `${tag} ${text}`,
          textFormat: 'xml',
          mentions: [{ mentioned: mention, text: tag }],
        }
      : { from: { id: userId }, text, textFormat: 'plain' };
    const res = await fetch(
      `${this.url}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!res.ok) throw new Error(`message failed: ${res.status}`);
  }

  /** Presses an Action.Submit button (its data arrives as a message's value), through the playground's API. */
  async submit(
    conversationId: string,
    userId: string,
    replyToId: string,
    value: Record<string, unknown>,
  ): Promise<void> {
    const res = await fetch(`${this.url}/_conversation/v1/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversation: { id: conversationId }, from: { id: userId }, replyToId, value }),
    });
    if (!res.ok) throw new Error(`submit failed: ${res.status}`);
  }

  /** Presses an Action.Execute button, as the playground's UI does; returns the card it answers with. */
  async execute(
    conversationId: string,
    userId: string,
    replyToId: string,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const body = {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      from: { id: userId },
      conversation: { id: conversationId },
      replyToId,
    };
    const res = await fetch(`${this.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { type: string; value: Record<string, unknown> };
    if (answer.type !== 'application/vnd.microsoft.card.adaptive')
      throw new Error(`expected a card, got ${JSON.stringify(answer).slice(0, 200)}`);
    return answer.value;
  }

  async waitFor(
    predicate: (m: PlaygroundMessage) => boolean,
    timeoutMs = 20_000,
  ): Promise<PlaygroundMessage> {
    const start = Date.now();
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() - start > timeoutMs)
        throw new Error(
          `timed out; messages so far: ${this.messages.map((m) => JSON.stringify(m.card ?? m.text).slice(0, 80)).join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
