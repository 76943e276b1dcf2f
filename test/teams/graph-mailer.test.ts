/**
 * The email fallback's Graph client against a Microsoft Graph stand-in on 127.0.0.1 (sendMail and Sent
 * Items in Graph v1.0's shapes): sent; a 429 waited out and sent once; a missing permission, an unknown
 * mailbox and a token failure each reported with what to do; an email whose answer never came is found
 * in Sent Items instead of being sent twice; paced to the mailbox's limit.
 */
import type { Email } from '../../src/app/ports';
import {
  FIX_MAIL_PERMISSION,
  FIX_MAIL_READ_PERMISSION,
  FIX_USER_READ_PERMISSION,
  GraphMailer,
} from '../../src/teams/graph-mailer';
import { GraphInstallStub } from '../support/graph-install-stub';
import { grantedPermissions } from '../../src/teams/graph-permissions';
import { tokenWithRoles } from '../support/graph-roles';

const GRANTED = tokenWithRoles(grantedPermissions(['emailFallback']));

const FROM = 'rag-chaser@example.org';

const email = (to: string, ref: string): Email => ({
  to,
  subject: `Your 2016/17 Q1 performance return is due [${ref}]`,
  lines: ['RAG Chaser could not reach you in Microsoft Teams.', '• Summer Reading Challenge <volunteers>'],
  link: { text: 'Open RAG Chaser in Teams', url: 'https://teams.microsoft.com/l/chat/0/0?users=28:abc' },
  after: ['Reply to this email if you cannot use Teams.'],
  replyTo: ['svc@example.org'],
  ref,
});

describe('GraphMailer', () => {
  const graph = new GraphInstallStub();
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  const mailer = (
    options: { from?: string; token?: () => Promise<string | undefined>; perMinute?: number } = {},
  ) =>
    new GraphMailer(
      graph.url,
      options.from ?? FROM,
      options.token ?? (() => Promise.resolve(GRANTED)),
      options.perMinute ?? 10_000,
      sleep,
    );

  beforeAll(async () => {
    await graph.start();
    graph.add({ id: 'u-a', upn: 'a@example.org' });
    graph.add({ id: 'u-stock', upn: 'stock@example.org' });
    graph.add({ id: 'u-reg', upn: 'reg.upn@example.org', mail: 'registration@example.org' });
    graph.add({
      id: 'u-guest',
      upn: 'partner_other.org#EXT#@example.org',
      mail: 'partner@other.org',
      userType: 'Guest',
    });
  });
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.mails.length = 0;
    waits.length = 0;
    graph.mailFault = undefined;
    graph.dropAnswersAfter = undefined;
  });

  it('sends the email as HTML with the link, the items escaped, and replies going to the managers', async () => {
    expect(await mailer().send(email('stock@example.org', 'rc-000000000001'))).toEqual({ outcome: 'sent' });
    expect(graph.mails).toHaveLength(1);
    const [sent] = graph.mails;
    expect(sent).toMatchObject({ from: FROM, to: 'stock@example.org', replyTo: ['svc@example.org'] });
    expect(sent?.html).toContain('<li>Summer Reading Challenge &lt;volunteers&gt;</li>');
    expect(sent?.html).toContain('href="https://teams.microsoft.com/l/chat/0/0?users=28:abc"');
  });

  it('a 429 is waited out as Retry-After says, and the email goes once', async () => {
    graph.mailFault = { status: 429, code: 'ApplicationThrottled', retryAfter: '2', times: 1 };
    expect(await mailer().send(email('stock@example.org', 'rc-000000000002'))).toEqual({ outcome: 'sent' });
    expect(graph.mails).toHaveLength(1);
    expect(waits.some((ms) => ms > 1000 && ms <= 2000)).toBe(true);
  });

  it('a missing permission or mailbox fails with the fix; a token failure or 5xx is left for the next run', async () => {
    graph.mailFault = { status: 403, code: 'ErrorAccessDenied' };
    expect(await mailer().send(email('a@example.org', 'rc-000000000003'))).toEqual({
      outcome: 'failed',
      error: FIX_MAIL_PERMISSION,
    });
    graph.mailFault = undefined;
    const unknown = await mailer({ from: 'nobody@example.org' }).send(
      email('a@example.org', 'rc-000000000004'),
    );
    expect(unknown).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/EMAIL_FALLBACK_FROM/) as string,
    });
    const noToken = await mailer({
      token: () => Promise.reject(new Error('AADSTS7000215: invalid secret')),
    }).send(email('a@example.org', 'rc-000000000005'));
    expect(noToken).toMatchObject({
      outcome: 'retry-later',
      error: expect.stringMatching(/no Graph token \(AADSTS7000215/) as string,
    });
    graph.mailFault = { status: 503, code: 'ServiceUnavailable', times: 1 };
    expect(await mailer().send(email('a@example.org', 'rc-000000000006'))).toMatchObject({
      outcome: 'retry-later',
    });
    expect(graph.mails).toHaveLength(0);
  });

  it('writes only to members of the directory: an outside address or a guest fails with why; mail finds a member', async () => {
    const outside = await mailer().send(email('someone@elsewhere.example', 'rc-000000000020'));
    expect(outside).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/not in your organisation's directory/),
    });
    const guest = await mailer().send(email('partner@other.org', 'rc-000000000021'));
    expect(guest).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/guest account/) });
    expect(graph.mails).toHaveLength(0);
    expect(await mailer().send(email('registration@example.org', 'rc-000000000022'))).toEqual({
      outcome: 'sent',
    });
    expect(graph.mails.map((m) => m.to)).toEqual(['registration@example.org']);
  });

  it('an email sent without an answer is found in Sent Items on the next try, not sent twice', async () => {
    graph.dropAnswersAfter = 0;
    const first = await mailer().send(email('stock@example.org', 'rc-000000000007'));
    expect(first).toMatchObject({ outcome: 'retry-later' });
    const again = await mailer().send(email('stock@example.org', 'rc-000000000007'), {
      mayAlreadyBeSentSince: new Date().toISOString(),
    });
    expect(again).toEqual({ outcome: 'sent', foundInSentItems: true });
    expect(graph.mails).toHaveLength(1);
    // One that really was not sent goes after the search.
    const other = await mailer().send(email('stock@example.org', 'rc-000000000008'), {
      mayAlreadyBeSentSince: new Date().toISOString(),
    });
    expect(other).toEqual({ outcome: 'sent' });
    expect(graph.mails).toHaveLength(2);
  });

  it('granted Mail.Send but not Mail.ReadBasic.All: a resend after a lost answer stops with the permission to grant, sends nothing', async () => {
    const sendOnly = () => Promise.resolve(tokenWithRoles(['Mail.Send', 'User.Read.All']));
    const before = graph.mails.length;
    const result = await mailer({ token: sendOnly }).send(email('stock@example.org', 'rc-000000000009'), {
      mayAlreadyBeSentSince: new Date().toISOString(),
    });
    expect(result).toEqual({ outcome: 'failed', error: FIX_MAIL_READ_PERMISSION });
    expect(result.outcome === 'failed' && result.error).toMatch(/Mail\.ReadBasic\.All/);
    expect(graph.mails).toHaveLength(before);
    expect(graph.authorised.at(-1)).toEqual({
      method: 'GET',
      path: '/users/rag-chaser@example.org/mailFolders/sentitems/messages',
      allowed: false,
    });
  });

  it('without User.Read.All the directory check answers 403 as Graph does, and the fix names the permission', async () => {
    const result = await mailer({ token: () => Promise.resolve(tokenWithRoles(['Mail.Send'])) }).send(
      email('a@example.org', 'rc-000000000010'),
    );
    expect(result).toEqual({ outcome: 'failed', error: FIX_USER_READ_PERMISSION });
  });

  it('paces sends to the mailbox limit: 60 a minute is one a second', async () => {
    const paced = mailer({ perMinute: 60 });
    for (let i = 0; i < 3; i += 1) await paced.send(email('stock@example.org', `rc-00000000010${i}`));
    expect(graph.mails).toHaveLength(3);
    // The sleep here does not pass time: each send waits one more second for its slot.
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(900);
    expect(waits[1]).toBeGreaterThan(1900);
  });
});
