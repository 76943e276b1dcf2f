/**
 * The email fallback over a whole quarter (in memory, injected clock): an owner still unreachable in Teams a
 * day after a message failed to reach them gets one email per chase, reminder and escalation; never twice,
 * never skipped after a temporary failure; not at all once they install the app or have answered.
 */
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { loadDigest } from '../../src/app/digest/digest';
import { overview } from '../../src/app/cycle/overview';
import { submitReturn } from '../../src/app/returns/submit-return';
import { tick } from '../../src/app/cycle/tick';
import type { Email, Mailer, MailResult } from '../../src/app/ports';
import { world } from '../support/world';

const SM = 'svc@example.org';
const LINK = 'https://teams.microsoft.com/l/chat/0/0?users=28:4c1a3b9e-0000-4000-8000-000000000001';

class FakeMailer implements Mailer {
  readonly sent: { at: string; email: Email }[] = [];
  now = '';
  /** Answers for the next sends, in order (then: sent). */
  readonly queue: MailResult[] = [];
  send(email: Email): Promise<MailResult> {
    const answer = this.queue.shift() ?? { outcome: 'sent' };
    if (answer.outcome === 'sent') this.sent.push({ at: this.now, email });
    return Promise.resolve(answer);
  }
  to(upn: string) {
    return this.sent.filter((s) => s.email.to === upn);
  }
}

function hourly(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 3_600_000)
    out.push(new Date(t).toISOString().replace('.000Z', 'Z'));
  return out;
}

describe('email fallback through a quarter', () => {
  const mailer = new FakeMailer();
  let w: Awaited<ReturnType<typeof world>>;
  let deps: typeof w.deps;

  beforeAll(async () => {
    w = await world({ installAll: true });
    // Not in Teams: two owners, and the line manager who gets the escalation.
    for (const upn of [
      'area-ops.gravesham@example.org',
      'area-ops.maidstone@example.org',
      'stock@example.org',
    ])
      await w.people.upsert(
        upn,
        { conversation: '', reachable: false, unreachableReason: '' },
        '2016-06-01T00:00:00Z',
      );
    await w.people.upsert(SM, { conversation: `conv:${SM}`, reachable: true }, '2016-06-01T00:00:00Z');
    deps = {
      ...w.deps,
      serviceManagers: [SM],
      email: { mailer, afterMinutes: 24 * 60, chatLink: LINK, from: 'rag-chaser@example.org', perDay: 2000 },
    };
    // The first email to maidstone is throttled once: it goes at the next tick, once.
    mailer.queue.push({ outcome: 'sent' }, { outcome: 'retry-later', error: 'Graph answered 429' });
    for (const now of hourly('2016-06-30T00:00:00Z', '2016-07-19T00:00:00Z')) {
      mailer.now = now;
      if (now === '2016-07-01T12:00:00Z')
        // stock installs the app that afternoon: reached in Teams, never emailed.
        await w.people.upsert('stock@example.org', { conversation: 'conv:stock', reachable: true }, now);
      if (now === '2016-07-05T10:00:00Z')
        // gravesham replied by email; a service manager records it.
        for (const a of w.plan.activities.filter((x) => x.owner === 'area-ops.gravesham@example.org'))
          await submitReturn(deps, {
            cycleKey: '2016-17-Q1',
            item: `a:${a.id}`,
            by: SM,
            serviceManager: true,
            answer: { rag: 'green', commentary: 'From their email' },
            now,
          });
      await tick(deps, now, w.lease);
    }
  }, 120_000);
  afterAll(() => w.drop());

  it('emails an owner a day after each chase and reminder failed to reach them, once each', () => {
    const subjects = mailer
      .to('area-ops.maidstone@example.org')
      .map((s) => [s.at, s.email.subject.slice(0, 40)]);
    expect(subjects).toEqual([
      ['2016-07-02T09:00:00Z', 'your 2016/17 Q1 performance return is du'],
      ['2016-07-08T08:00:00Z', 'Reminder: your 2016/17 Q1 performance re'],
      ['2016-07-14T08:00:00Z', 'Reminder: your 2016/17 Q1 performance re'],
    ]);
  });

  it('an owner who answered (recorded from their email reply) or installed the app is not emailed again', () => {
    expect(mailer.to('area-ops.gravesham@example.org').map((s) => s.at)).toEqual(['2016-07-02T08:00:00Z']);
    expect(mailer.to('stock@example.org')).toEqual([]);
  });

  it('the email says what is owed, by when, opens the chat with the bot, and how to reply', () => {
    const { email } = mailer.to('area-ops.maidstone@example.org')[0]!;
    const owed = w.plan.activities.filter((a) => a.owner === 'area-ops.maidstone@example.org');
    expect(email.lines.filter((l) => l.startsWith('•'))).toHaveLength(owed.length);
    // Each item with its id, so a reply by email can name it.
    expect(email.lines).toContain(`• ${owed[0]!.id}: ${owed[0]!.text}`);
    expect(email.lines.join('\n')).toMatch(/due by the end of Thursday 14 July 2016/);
    expect(email.link.url).toBe(LINK);
    expect(email.after.join('\n')).toMatch(/reply to this email[\s\S]*a service manager records your answer/);
    expect(email.replyTo).toEqual([SM]);
    expect(email.subject).toContain(email.ref);
  });

  it('a line manager not in Teams gets the escalation by email', () => {
    const escalations = mailer.sent.filter((s) => s.email.subject.startsWith('Overdue returns'));
    const operations = escalations.filter((s) => s.email.to === 'head.operations@example.org');
    // A day after the escalation found them unreachable; once.
    expect(operations.map((s) => s.at)).toEqual(['2016-07-16T08:00:00Z']);
    expect(operations[0]!.email.lines.join('\n')).toMatch(
      /For line managers:[\s\S]*area-ops.maidstone@example.org/,
    );
    // The service manager was reached in Teams: not emailed.
    expect(escalations.filter((s) => s.email.to === SM)).toEqual([]);
  });

  it('the status card and the digest say who was reached how', async () => {
    const cycle = (await w.cycles.get('2016-17-Q1'))!;
    const rows = await w.outbox.list(cycle.key);
    const people = new Map((await w.people.all()).map((p) => [p.upn, p]));
    const o = overview(await loadCycleState(w, cycle), people, rows, '2016-07-19T00:00:00Z', w.zone);
    expect(o.emailed).toBe(2);
    expect(o.unreachable).toEqual([
      {
        upn: 'area-ops.gravesham@example.org',
        reason: expect.stringMatching(/^emailed Saturday 2 July 2016 \(not in Teams/) as string,
      },
      {
        upn: 'area-ops.maidstone@example.org',
        reason: expect.stringMatching(/^emailed Thursday 14 July 2016 \(not in Teams/) as string,
      },
    ]);
    const digest = await loadDigest(deps, cycle);
    const reached = new Map(digest.outstanding.map((x) => [x.owner, x.reached]));
    expect(reached.get('area-ops.maidstone@example.org')).toMatch(/^emailed/);
    expect(reached.get('stock@example.org')).toBe('reached in Teams');
  });
});
