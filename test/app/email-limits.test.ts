/**
 * The email fallback cannot be multiplied: every "chase now" of a quarter is one email stage per owner,
 * and a mailbox's emails a day are counted in storage, shared by every process (memory and Azurite).
 */
import { manager } from '../support/actors';
import { chaseNow } from '../../src/app/sending/manual-sends';
import { emailUnreachable } from '../../src/app/sending/email-fallback';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { withSendLease } from '../../src/app/sending/send-lease';
import type { Email, Mailer, MailResult } from '../../src/app/ports';
import { parseQuarter } from '../../src/domain/quarter';
import { freshStores, world } from '../support/world';

class CountingMailer implements Mailer {
  readonly sent: Email[] = [];
  send(email: Email): Promise<MailResult> {
    this.sent.push(email);
    return Promise.resolve({ outcome: 'sent' });
  }
}

const UNREACHABLE = [
  'area-ops.gravesham@example.org',
  'area-ops.maidstone@example.org',
  'area-ops.dover@example.org',
  'stock@example.org',
];

async function quarterWithUnreachableOwners(perDay: number) {
  const w = await world({ installAll: true });
  for (const upn of UNREACHABLE)
    await w.people.upsert(upn, { conversation: '', reachable: false }, '2016-06-01T00:00:00Z');
  const mailer = new CountingMailer();
  const deps = {
    ...w.deps,
    serviceManagers: ['svc@example.org'],
    email: {
      mailer,
      afterMinutes: 0,
      chatLink: 'https://teams.microsoft.com/l/chat/0/0',
      from: 'Mail@Example.org',
      perDay,
    },
  };
  const { cycle } = await openCycle(deps, {
    quarter: parseQuarter('2016/17 Q1'),
    clock: () => '2016-07-01T08:00:00Z',
    actor: manager('svc@example.org'),
    lease: w.lease,
  });
  const email = (now: string) =>
    withSendLease(w.lease, (holding) =>
      emailUnreachable(deps, cycle, now, holding, ['svc@example.org'], { stepsRan: true }),
    );
  return { w, deps, cycle, mailer, email };
}

describe('email fallback limits', () => {
  it('pressing "chase now" three times makes one chase-now email per owner, not three', async () => {
    const { w, deps, cycle, mailer, email } = await quarterWithUnreachableOwners(2_000);
    await email('2016-07-01T09:00:00Z');
    const afterChase = mailer.sent.length;
    expect(new Set(mailer.sent.map((m) => m.to))).toEqual(new Set(UNREACHABLE));
    for (const at of ['2016-07-05T09:00:00Z', '2016-07-05T10:00:00Z', '2016-07-06T11:00:00Z']) {
      await chaseNow(deps, {
        actor: { upn: 'svc@example.org', serviceManager: true },
        cycle,
        now: at,
        lease: w.lease,
      });
      await email(at.replace(':00:00Z', ':30:00Z'));
    }
    const chaseNowEmails = mailer.sent.slice(afterChase);
    expect(chaseNowEmails.map((m) => m.to).sort()).toEqual([...UNREACHABLE].sort());
  });

  it('stops at the mailbox allowance for the day and sends the rest the next day', async () => {
    const { mailer, email } = await quarterWithUnreachableOwners(3);
    const today = await email('2016-07-01T09:00:00Z');
    expect(mailer.sent).toHaveLength(3);
    expect(today?.retrying).toHaveLength(1);
    await email('2016-07-01T15:00:00Z');
    expect(mailer.sent).toHaveLength(3);
    await email('2016-07-02T09:00:00Z');
    expect(new Set(mailer.sent.map((m) => m.to))).toEqual(new Set(UNREACHABLE));
  });
});

describe.each(['memory', 'azurite'] as const)('a daily allowance in storage: %s', (storage) => {
  it('is shared by every process and counted exactly under concurrency', async () => {
    const { stores, drop } = await freshStores(storage);
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => stores.leases.take('email|mail@example.org|2016-07-01', 5)),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      expect(await stores.leases.take('email|mail@example.org|2016-07-01', 5)).toBe(false);
      expect(await stores.leases.take('email|mail@example.org|2016-07-02', 5)).toBe(true);
    } finally {
      await drop();
    }
  });
});
