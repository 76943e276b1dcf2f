/**
 * GET /api/dashboard over HTTP. Outside local mode: the Teams SSO token checked with jose against a key
 * set served on 127.0.0.1 in Entra's shape (missing, garbage, expired, wrong audience, wrong tenant,
 * wrong issuer, another key: 401), the SMT team's members found through the Bot Connector stand-in (which
 * wants a token and answers for the team's members only). In local mode: X-Local-User, else 401.
 */
import express from 'express';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { approveDigest, publishDigest } from '../../src/app/digest/digest';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { withSendLease } from '../../src/app/sending/send-lease';
import { submitReturn } from '../../src/app/returns/submit-return';
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { createLogger } from '../../src/logger';
import { parseQuarter } from '../../src/domain/quarter';
import { buildApp } from '../../src/server';
import { ConnectorClient } from '../../src/teams/connector-client';
import { tabTokenChecker } from '../../src/teams/tab-token';
import { manager } from '../support/actors';
import { closeServer, listenLocal } from '../support/listen';
import { KPI_OWNER, MANAGER, OWNER, STRANGER, startLiveBot, type LiveBot } from '../support/live-bot';
import { TENANT } from '../support/teams-client';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const AUDIENCE = `api://rag.example.org/${APP_ID}`;
const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
const SMT_CHANNEL = '19:smt-team@thread.tacv2';

let bot: LiveBot;
let keys: Server | undefined;
let api: Server | undefined;
let url = '';
let signing: CryptoKey;
let stranger: CryptoKey;

async function token(
  who: { upn: string; aadObjectId: string },
  over: { aud?: string; tid?: string; iss?: string; exp?: number; key?: CryptoKey; kid?: string } = {},
): Promise<string> {
  const tid = over.tid ?? TENANT;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid,
    oid: who.aadObjectId,
    preferred_username: who.upn,
    ver: '2.0',
    scp: 'access_as_user',
  })
    .setProtectedHeader({ alg: 'RS256', kid: over.kid ?? 'entra-key-1', typ: 'JWT' })
    .setIssuer(over.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
    .setAudience(over.aud ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(over.exp ?? now + 3600)
    .sign(over.key ?? signing);
}

const get = (path: string, headers: Record<string, string> = {}, base = url) =>
  fetch(`${base}${path}`, { headers }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));

beforeAll(async () => {
  bot = await startLiveBot();
  const { services } = bot.server;
  // Q1 answered in part, approved and published to the SMT channel (a team whose members are MANAGER and
  // KPI_OWNER); Q2 open: a manager sees both, an SMT member Q1 only.
  const q1 = (await services.cycles.get('2016-17-Q1'))!;
  const state = await loadCycleState(services, q1);
  const first = state.plan.activities[0]!;
  await submitReturn(services, {
    cycleKey: q1.key,
    item: `a:${first.id}`,
    answer: {
      rag: 'amber',
      commentary: 'Staff vacancies delayed the work; recovery plan agreed.',
      evidence: '',
    },
    by: first.owner,
    serviceManager: false,
    now: new Date().toISOString(),
  });
  await services.people.setSmtChannel({
    conversation: JSON.stringify({
      serviceUrl: bot.stub.url,
      channelId: 'msteams',
      conversation: { id: SMT_CHANNEL, conversationType: 'channel', isGroup: true },
      bot: { id: '28:bot' },
    }),
    name: 'SMT',
    registeredBy: MANAGER.upn,
    registeredAt: new Date().toISOString(),
  });
  const now = () => new Date().toISOString();
  await approveDigest(services, { actor: manager(MANAGER.upn), cycleKey: q1.key, now: now() });
  await withSendLease({ leases: services.leases }, (holding) =>
    publishDigest(services, { actor: manager(MANAGER.upn), cycleKey: q1.key, now: now(), holding }),
  );
  await openCycle(services, {
    quarter: parseQuarter('2016/17 Q2'),
    clock: now,
    actor: manager('test'),
    lease: { leases: services.leases },
  });
  bot.stub.addTeam(SMT_CHANNEL, [MANAGER, KPI_OWNER]);
  bot.stub.requireToken = true;

  const pair = await generateKeyPair('RS256');
  signing = pair.privateKey;
  stranger = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'entra-key-1', use: 'sig', alg: 'RS256' };
  const keyApp = express();
  keyApp.get('/common/discovery/v2.0/keys', (_req, res) => void res.json({ keys: [jwk] }));
  const served = await listenLocal(keyApp);
  keys = served.server;
  const production = {
    ...services,
    config: { ...services.config, localMode: false, allowedTenants: [TENANT] },
  };
  const app = buildApp(bot.server.runtime, createLogger('silent'), undefined, {
    services: production,
    options: {
      checkToken: tabTokenChecker({
        audiences: [AUDIENCE, APP_ID],
        allowedTenants: [TENANT],
        keysUrl: `${served.url}/common/discovery/v2.0/keys`,
      }),
      connector: new ConnectorClient(() => Promise.resolve('connector-token')),
    },
  });
  const listening = await listenLocal(app);
  api = listening.server;
  url = listening.url;
}, 90_000);

afterAll(async () => {
  await closeServer(api);
  await closeServer(keys);
  await bot.stop();
});

describe('the dashboard API outside local mode', () => {
  it('refuses a request without a good token: 401, and says nothing of the data', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused: [string, Record<string, string>][] = [
      ['no token', {}],
      ['a local user header', { 'X-Local-User': MANAGER.upn }],
      ['garbage', { authorization: 'Bearer garbage' }],
      ['expired', { authorization: `Bearer ${await token(MANAGER, { exp: now - 300 })}` }],
      [
        'wrong audience',
        { authorization: `Bearer ${await token(MANAGER, { aud: 'api://elsewhere.example.org/x' })}` },
      ],
      ['wrong tenant', { authorization: `Bearer ${await token(MANAGER, { tid: OTHER_TENANT })}` }],
      [
        'wrong issuer',
        { authorization: `Bearer ${await token(MANAGER, { iss: 'https://sts.windows.net/x/' })}` },
      ],
      ['another key', { authorization: `Bearer ${await token(MANAGER, { key: stranger })}` }],
    ];
    for (const [what, headers] of refused) {
      const r = await get('/api/dashboard', headers);
      expect([what, r.status]).toEqual([what, 401]);
      expect(r.body).not.toHaveProperty('quarters');
    }
  });

  it('a manager sees both quarters; an SMT team member the published one; others 403', async () => {
    const bearer = async (who: typeof MANAGER) => ({ authorization: `Bearer ${await token(who)}` });
    const asManager = await get('/api/dashboard', await bearer(MANAGER));
    expect(asManager.status).toBe(200);
    expect(asManager.body).toMatchObject({ view: 'current', viewer: { upn: MANAGER.upn } });
    expect(
      (asManager.body.quarters as { key: string; state: string }[]).map((q) => [q.key, q.state]),
    ).toEqual([
      ['2016-17-Q1', 'published'],
      ['2016-17-Q2', 'current'],
    ]);
    // A client id as the audience (a v2 token) is taken as well.
    expect(
      (await get('/api/dashboard', { authorization: `Bearer ${await token(MANAGER, { aud: APP_ID })}` }))
        .status,
    ).toBe(200);
    const asMember = await get('/api/dashboard', await bearer(KPI_OWNER));
    expect(asMember.status).toBe(200);
    expect(asMember.body).toMatchObject({ view: 'published' });
    expect((asMember.body.quarters as { key: string }[]).map((q) => q.key)).toEqual(['2016-17-Q1']);
    for (const who of [OWNER, STRANGER]) {
      const r = await get('/api/dashboard', await bearer(who));
      expect(r.status).toBe(403);
      expect(String(r.body.error)).toMatch(/Only managers/);
    }
  });

  it('checks the query: a bad quarter or an unknown field is a 400 that says what to fix', async () => {
    const headers = { authorization: `Bearer ${await token(MANAGER)}` };
    const bad = await get('/api/dashboard?from=someday', headers);
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/from: write a quarter as 2016\/17-Q1/);
    expect((await get('/api/dashboard?colour=red', headers)).status).toBe(400);
    // Services side by side are a performance lead's view.
    expect((await get('/api/dashboard?compare=services', headers)).status).toBe(403);
    const history = await get('/api/dashboard?item=NOPE-1', headers);
    expect(history.status).toBe(404);
  });
});

describe('the dashboard API in local mode', () => {
  it('names the caller by X-Local-User only; without it, 401', async () => {
    expect((await get('/api/dashboard', {}, bot.server.url)).status).toBe(401);
    const r = await get('/api/dashboard', { 'X-Local-User': MANAGER.upn }, bot.server.url);
    expect(r.status).toBe(200);
    expect((r.body.quarters as unknown[]).length).toBe(2);
    const page = await fetch(`${bot.server.url}/tabs/dashboard`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html lang="en-GB"/);
  });
});
