/** Sends the Bot Framework activities a Teams client sends, to the bot's /api/messages. */
import { randomUUID } from 'node:crypto';
import type { StubUser } from './connector-stub';

/** The SMT team's Microsoft 365 group id, as Teams sends it in a channel message's channelData. */
export const SMT_TEAM_AAD_GROUP_ID = '00000000-0000-4000-8000-0000000005e7';

export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const BOT = { id: '28:rag-chaser-bot', name: 'RAG Chaser' };

export function personalConversation(user: StubUser): string {
  return `a:personal-${user.aadObjectId}`;
}

export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
  ) {}

  private base(user: StubUser, conversationId = personalConversation(user), conversationType = 'personal') {
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: this.serviceUrl,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      conversation: { id: conversationId, conversationType, tenantId: TENANT },
      recipient: BOT,
      channelData: { tenant: { id: TENANT } },
      locale: 'en-GB',
    };
  }

  async post(
    activity: object,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  }

  install(user: StubUser) {
    return this.post({ ...this.base(user), type: 'installationUpdate', action: 'add' });
  }

  uninstall(user: StubUser) {
    return this.post({ ...this.base(user), type: 'installationUpdate', action: 'remove' });
  }

  say(user: StubUser, text: string) {
    return this.post({ ...this.base(user), type: 'message', text, textFormat: 'plain' });
  }

  /** Action.Execute (Universal Actions) on a card. */
  execute(user: StubUser, verb: string, data: Record<string, unknown>, replyToId = 'card-1') {
    return this.post({
      ...this.base(user),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** Any other invoke, e.g. `fileConsent/invoke` (the answer to a file consent card). */
  invoke(user: StubUser, name: string, value: unknown, replyToId = 'consent-1') {
    return this.post({ ...this.base(user), type: 'invoke', name, replyToId, value });
  }

  /** A message with attachments, e.g. a file (Teams' `file.download.info`). */
  sayWithFiles(user: StubUser, text: string, attachments: readonly object[]) {
    return this.post({ ...this.base(user), type: 'message', text, textFormat: 'plain', attachments });
  }

  /** Action.Submit (the fallback on older clients): a message with a value and no text. */
  submit(user: StubUser, value: Record<string, unknown>, replyToId = 'card-1') {
    return this.post({ ...this.base(user), type: 'message', replyToId, value });
  }

  inChannel(user: StubUser, text: string, channelId = '19:smt-channel@thread.tacv2') {
    return this.post({
      ...this.base(user, channelId, 'channel'),
      type: 'message',
      text,
      channelData: {
        tenant: { id: TENANT },
        channel: { id: channelId, name: 'SMT' },
        team: { id: '19:team', aadGroupId: SMT_TEAM_AAD_GROUP_ID },
      },
    });
  }
}
