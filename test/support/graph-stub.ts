/**
 * Microsoft Graph on the connector stub, as far as the delivery check reads it: the bot's installation for a
 * person, the 1:1 chat of that installation, the chat's messages and a channel's posts (paged), built from what
 * the stub received, in the shapes of Graph v1.0's documentation (teamsAppInstallation, chat, chatMessage).
 */
import type express from 'express';
import type { Received } from './connector-stub';

export interface GraphState {
  /** The Teams app's manifest id the installation filter must name. */
  teamsAppId: string;
  /** The SMT team's Microsoft 365 group id (its channel's posts are listed under it). */
  smtTeamId: string;
  /** Answer every Graph call with this status instead (e.g. 403: permission not granted). */
  failWith?: number;
  /** Graph calls answered, for assertions. */
  readonly calls: string[];
}

const chatIdOf = (user: string) => `19:${user}_bot@unq.gbl.spaces`;

interface ChatMessage {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  messageType: 'message';
  from: { application: { id: string; displayName: string; applicationIdentityType: 'bot' } };
  body: { contentType: 'html'; content: string };
  attachments: { id: string; contentType: string; content: string }[];
}

/** The messages of one conversation (the first POST of each activity picked by `mine`), with later PUTs applied. */
function messagesOf(received: readonly Received[], mine: (r: Received) => boolean): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const r of received) {
    if (r.method === 'POST' && !mine(r)) continue;
    if (r.method === 'PUT' && !byId.has(r.id)) continue;
    const attachments = (r.activity.attachments ?? []).map((a, i) => ({
      id: `${r.id}-${i}`,
      contentType: a.contentType,
      content: JSON.stringify(a.content),
    }));
    const at = new Date(r.at).toISOString();
    const previous = byId.get(r.id);
    byId.set(r.id, {
      id: r.id,
      createdDateTime: previous?.createdDateTime ?? at,
      lastModifiedDateTime: at,
      messageType: 'message',
      from: { application: { id: '28:bot', displayName: 'RAG Chaser', applicationIdentityType: 'bot' } },
      body: {
        contentType: 'html',
        content: r.activity.text ?? attachments.map((a) => `<attachment id="${a.id}"></attachment>`).join(''),
      },
      attachments,
    });
  }
  return [...byId.values()];
}

const toUser = (user: string) => (r: Received) =>
  (r.activity as { recipient?: { aadObjectId?: string } }).recipient?.aadObjectId === user;

/** One page of a Graph collection, with `@odata.nextLink` when more follow. */
function pageOf(req: express.Request, res: express.Response, all: readonly ChatMessage[]): void {
  const top = Math.min(50, Number(req.query.$top ?? 20));
  const skip = Number(req.query.$skiptoken ?? 0);
  const value = all.slice(skip, skip + top);
  const base = `${req.protocol}://${String(req.headers.host)}${req.baseUrl}${req.path}`;
  res.json({
    '@odata.count': value.length,
    ...(skip + top < all.length ? { '@odata.nextLink': `${base}?$top=${top}&$skiptoken=${skip + top}` } : {}),
    value,
  });
}

export function mountGraph(
  app: express.Express,
  state: GraphState,
  received: () => readonly Received[],
): void {
  app.use('/v1.0', (req, res, next) => {
    state.calls.push(req.path);
    if (state.failWith) {
      res.status(state.failWith).json({ error: { code: 'Forbidden', message: 'Missing role permissions' } });
      return;
    }
    next();
  });
  app.get('/v1.0/users/:user/teamwork/installedApps', (req, res) => {
    const filter = typeof req.query.$filter === 'string' ? req.query.$filter : '';
    const externalId = /teamsApp\/externalId eq '([^']+)'/.exec(filter)?.[1];
    const installed = externalId === state.teamsAppId;
    res.json({
      value: installed
        ? [
            {
              id: `inst-${req.params.user}`,
              teamsApp: { id: 'catalog-1', externalId, displayName: 'RAG Chaser' },
            },
          ]
        : [],
    });
  });
  app.get('/v1.0/users/:user/teamwork/installedApps/:installation/chat', (req, res) => {
    if (req.params.installation !== `inst-${req.params.user}`) return void res.status(404).json({});
    res.json({ id: chatIdOf(req.params.user), chatType: 'oneOnOne' });
  });
  app.get('/v1.0/chats/:chat/messages', (req, res) => {
    const user = /^19:(.+)_bot@unq\.gbl\.spaces$/.exec(req.params.chat)?.[1];
    if (!user) return void res.status(404).json({ error: { code: 'NotFound' } });
    // Chats: newest created first (the delivery check asks for $orderby=createdDateTime desc).
    const all = messagesOf(received(), toUser(user));
    pageOf(
      req,
      res,
      all.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime)),
    );
  });
  app.get('/v1.0/teams/:team/channels/:channel/messages', (req, res) => {
    if (req.params.team !== state.smtTeamId)
      return void res.status(404).json({ error: { code: 'NotFound' } });
    // Channel posts: most recently changed first.
    const all = messagesOf(received(), (r) => r.conversationId === req.params.channel);
    pageOf(
      req,
      res,
      all.sort((a, b) => b.lastModifiedDateTime.localeCompare(a.lastModifiedDateTime)),
    );
  });
}
