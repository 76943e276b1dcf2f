/**
 * Two services through a whole quarter (time travel, in memory): overlapping owners, different schedules.
 * Exactly which messages each person gets and when; then both digests and the council digest, checked
 * number by number.
 */
import { manager } from '../support/actors';
import { readImportFile } from '../../src/files/read-table';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { approveDigest } from '../../src/app/digest/digest';
import { importPlan } from '../../src/app/plan/import-plan';
import type { AppDeps } from '../../src/app/ports';
import { createService, listServices, serviceDeps } from '../../src/app/council/services';
import { submitReturn } from '../../src/app/returns/submit-return';
import { tickServices } from '../../src/app/cycle/tick-services';
import { cardComposer } from '../../src/cards/composer';
import { loadCouncil } from '../../src/app/digest/council';
import { memorySpace } from '../../src/store/memory';
import { cardText, checkCard } from '../support/adaptive-cards';
import { sampleFile } from '../support/samples';
import { RecordingMessenger, ZONE } from '../support/world';
import { cardBytes } from '../../src/cards/render';

const CS_DIR = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');
const csFile = (name: string) => ({ name, bytes: readFileSync(join(CS_DIR, name)) });
const T0 = '2016-06-01T00:00:00Z';
const LRA_SM = 'lra.manager@example.org';
const CS_SM = 'cs.manager@example.org';
const SHARED = 'area-ops.gravesham@example.org';
const channel = (id: string) => ({
  conversation: `conv:${id}`,
  name: id,
  registeredBy: LRA_SM,
  registeredAt: T0,
});

async function council() {
  const space = memorySpace();
  const messenger = new RecordingMessenger();
  const deps: AppDeps = { ...space.base, messenger, cards: cardComposer, zone: ZONE, serviceManagers: [] };
  const config = [`lra:${LRA_SM}`, `customer-services:${CS_SM}`];
  await createService(space, { key: 'lra', name: 'Libraries, Registration and Archives', now: T0 });
  await createService(space, { key: 'customer-services', name: 'Customer Services', now: T0 });
  const all = await listServices(space, T0);
  const [lra, cs] = [all.find((s) => s.key === 'lra')!, all.find((s) => s.key !== 'lra')!];
  const lraDeps = serviceDeps(deps, space, lra, all, config);
  const csDeps = serviceDeps(deps, space, cs, all, config);
  await importPlan(lraDeps.plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: T0,
  });
  await importPlan(csDeps.plans, {
    read: readImportFile,
    activities: csFile('activities.csv'),
    kpis: csFile('kpis.csv'),
    now: T0,
  });
  // Customer Services: opens 3 working days after quarter end at 10:00, deadline 15, one reminder.
  await csDeps.plans.setSchedule(
    {
      ...(await csDeps.plans.schedule()),
      opensAfterQuarterEnd: 3,
      deadlineAfterQuarterEnd: 15,
      remindersBeforeDeadline: [3],
      timeOfDay: '10:00',
    },
    CS_SM,
    T0,
  );
  const lraPlan = (await lraDeps.plans.load())!;
  const csPlan = (await csDeps.plans.load())!;
  const everyone = new Set([LRA_SM, CS_SM, 'head.operations@example.org']);
  for (const p of [lraPlan, csPlan]) {
    for (const a of p.activities) [a.owner, a.deputy, a.manager].forEach((u) => u && everyone.add(u));
    for (const m of p.measures) everyone.add(m.owner);
  }
  for (const upn of everyone)
    await space.base.people.upsert(upn, { conversation: `conv:${upn}`, reachable: true, name: upn }, T0);
  return { space, messenger, deps, config, lraDeps, csDeps, lraPlan, csPlan };
}

type Council = Awaited<ReturnType<typeof council>>;

function hourly(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 3_600_000)
    out.push(new Date(t).toISOString().replace('.000Z', 'Z'));
  return out;
}

/** [instant, what] per message to one person; the parts of one card collapsed. */
function received(log: { at: string; to: string; text: string }[], to: string): string[][] {
  const entries = log
    .filter((m) => m.to === to)
    .map((m) => {
      const service = /Customer Services/.test(m.text) ? 'CS' : /Libraries/.test(m.text) ? 'LRA' : '?';
      const what = /^Overdue returns/.test(m.text)
        ? 'escalation'
        : /^Digest due/.test(m.text)
          ? 'digest due'
          : /^Opened/.test(m.text)
            ? 'opened'
            : (/Reminder: (\d)/.exec(m.text)?.[0] ?? (/Quarterly return/.test(m.text) ? 'chase' : m.text));
      return [m.at, `${service} ${what}`];
    });
  return entries.filter((e, i) => i === 0 || JSON.stringify(e) !== JSON.stringify(entries[i - 1]));
}

async function answerAll(
  deps: AppDeps,
  items: string[],
  by: string,
  now: string,
  answer: (i: number) => Record<string, unknown>,
) {
  for (const [i, item] of items.entries())
    await submitReturn(deps, {
      cycleKey: '2016-17-Q1',
      item,
      by,
      serviceManager: false,
      answer: answer(i),
      now,
    });
}

/** The answers of the quarter, given at fixed instants. */
async function answers(w: Council, now: string) {
  if (now === '2016-07-05T10:00:00Z') {
    const mine = w.lraPlan.activities.filter((a) => a.owner === SHARED).map((a) => `a:${a.id}`);
    await answerAll(w.lraDeps, mine, SHARED, now, (i) =>
      i === 0 ? { rag: 'red', commentary: 'Venue lost this quarter' } : { rag: 'green', commentary: 'Done' },
    );
  }
  if (now === '2016-07-06T10:00:00Z') {
    await answerAll(w.csDeps, ['a:CS-1.1.01', 'a:CS-1.1.02'], 'contact-centre@example.org', now, (i) =>
      i === 0 ? { rag: 'amber', commentary: 'IVR late on two lines' } : { rag: 'green', commentary: 'Live' },
    );
    await answerAll(w.csDeps, ['m:CS01'], 'contact-centre@example.org', now, () => ({ value: '70' }));
  }
  if (now === '2016-07-22T10:00:00Z')
    await answerAll(w.csDeps, ['a:CS-2.1.01'], 'digital-services@example.org', now, () => ({
      rag: 'red',
      commentary: 'Supplier withdrew',
    }));
}

describe('two services through 2016/17 Q1 (time travel)', () => {
  let w: Council;
  const log: { at: string; to: string; text: string }[] = [];

  beforeAll(async () => {
    w = await council();
    // Both SMT channels and the corporate channel are registered; each digest is approved before it is due.
    await w.lraDeps.people.setSmtChannel(channel('lra-smt'));
    await w.csDeps.people.setSmtChannel(channel('cs-smt'));
    await w.space.services.updateCouncil(() => ({ leads: [], corporateChannel: channel('corporate') }));
    for (const now of hourly('2016-06-30T00:00:00Z', '2016-07-26T00:00:00Z')) {
      await answers(w, now);
      if (now === '2016-07-17T10:00:00Z')
        await approveDigest(w.lraDeps, { actor: manager(LRA_SM), cycleKey: '2016-17-Q1', now: now });
      if (now === '2016-07-24T10:00:00Z')
        await approveDigest(w.csDeps, { actor: manager(CS_SM), cycleKey: '2016-17-Q1', now: now });
      const from = w.messenger.sent.length;
      const report = await tickServices(w.deps, w.space, w.config, now, { leases: w.space.base.leases });
      expect(report.busy).toBe(false);
      for (const s of w.messenger.sent.slice(from))
        log.push({ at: now, to: s.conversation.replace(/^conv:/, ''), text: cardText(s.message.card) });
    }
  });

  it('an owner in both services gets each service’s chase on its own day, and reminders only where they owe', () => {
    expect(received(log, SHARED)).toEqual([
      ['2016-07-01T08:00:00Z', 'LRA chase'],
      ['2016-07-05T09:00:00Z', 'CS chase'],
      ['2016-07-18T09:00:00Z', 'CS Reminder: 3'],
    ]);
  });

  it('owners of one service hear only from it, on its schedule', () => {
    expect(received(log, 'area-ops.maidstone@example.org')).toEqual([
      ['2016-07-01T08:00:00Z', 'LRA chase'],
      ['2016-07-07T08:00:00Z', 'LRA Reminder: 5'],
      ['2016-07-13T08:00:00Z', 'LRA Reminder: 1'],
    ]);
    // Answered the activities but not CS02: reminded of that alone.
    expect(received(log, 'contact-centre@example.org')).toEqual([
      ['2016-07-05T09:00:00Z', 'CS chase'],
      ['2016-07-18T09:00:00Z', 'CS Reminder: 3'],
    ]);
    const reminder = log.find((m) => m.to === 'contact-centre@example.org' && /Reminder/.test(m.text))!;
    expect(reminder.text).toMatch(/CS02/);
    expect(reminder.text).not.toMatch(/CS-1\.1\.0[12]|CS01/);
    expect(received(log, 'digital-services@example.org')).toEqual([
      ['2016-07-05T09:00:00Z', 'CS chase'],
      ['2016-07-18T09:00:00Z', 'CS Reminder: 3'],
    ]);
  });

  it('each service manager hears about their own service only; line managers get their service’s escalation', () => {
    expect(received(log, LRA_SM)).toEqual([
      ['2016-07-01T08:00:00Z', 'LRA opened'],
      ['2016-07-15T08:00:00Z', 'LRA escalation'],
    ]);
    expect(received(log, CS_SM)).toEqual([
      ['2016-07-05T09:00:00Z', 'CS opened'],
      ['2016-07-22T09:00:00Z', 'CS escalation'],
    ]);
    expect(received(log, 'head.customer-services@example.org')).toEqual([
      ['2016-07-22T09:00:00Z', 'CS escalation'],
    ]);
    const csEscalation = log.find((m) => m.to === CS_SM && /^Overdue/.test(m.text))!.text;
    expect(csEscalation).toMatch(/area-ops.gravesham@example.org/);
    expect(csEscalation).not.toMatch(/area-ops.maidstone/);
  });

  it('each digest goes to its own SMT channel on its own day; the council digest follows the last, once', () => {
    const posts = (to: string) => [...new Set(log.filter((m) => m.to === to).map((m) => m.at))];
    expect(posts('lra-smt')).toEqual(['2016-07-18T08:00:00Z']);
    expect(posts('cs-smt')).toEqual(['2016-07-25T09:00:00Z']);
    expect(posts('corporate')).toEqual(['2016-07-25T09:00:00Z']);
    const corporate = w.messenger.sent.filter((s) => s.conversation === 'conv:corporate');
    for (const s of corporate) {
      const card = s.message.card!;
      expect(checkCard(card).errors).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(40 * 1024);
    }
    const text = corporate.map((s) => cardText(s.message.card)).join('\n');
    expect(text).toMatch(/Libraries, Registration and Archives/);
    expect(text).toMatch(/Customer Services/);
  });

  it('the council digest, number by number', async () => {
    const all = await listServices(w.space, T0);
    const summary = await loadCouncil(w.space, all, '2016-17-Q1');
    const lra = summary.services.find((s) => s.key === 'lra');
    const cs = summary.services.find((s) => s.key === 'customer-services');
    const lraOwned = w.lraPlan.activities.filter((a) => a.owner === SHARED).length;
    const lraItems = w.lraPlan.activities.length;
    expect(summary.quarter).toBe('2016/17 Q1');
    expect(lra).toMatchObject({
      key: 'lra',
      published: true,
      counts: { green: lraOwned - 1, amber: 0, red: 1, notReturned: lraItems - lraOwned },
    });
    expect(cs).toMatchObject({
      key: 'customer-services',
      published: true,
      counts: { green: 1, amber: 1, red: 1, notReturned: 5 },
      lateCount: 1,
    });
    expect(summary.totals).toEqual({
      green: lraOwned - 1 + 1,
      amber: 1,
      red: 2,
      notReturned: lraItems - lraOwned + 5,
    });
    expect(cs!.reds.map((r) => [r.id, r.owner, r.commentary])).toEqual([
      ['CS-2.1.01', 'digital-services@example.org', 'Supplier withdrew'],
    ]);
    expect(lra!.reds).toHaveLength(1);
    expect(lra!.reds[0]).toMatchObject({ owner: SHARED, commentary: 'Venue lost this quarter' });
    expect(cs!.kpisOffTarget).toEqual([
      expect.objectContaining({ ref: 'CS01', value: 70, target: 85, rag: 'red' }),
    ]);
    expect(cs!.late.map((l) => [l.owner, [...l.items].sort()])).toEqual([
      ['digital-services@example.org', ['CS-2.1.02', 'CS-2.2.01', 'CS03']],
      ['area-ops.gravesham@example.org', ['CS-1.2.03']],
      ['contact-centre@example.org', ['CS02']],
      ['gateway.hernebay@example.org', ['CS-1.2.02']],
      ['gateway.swanley@example.org', ['CS-1.2.01']],
    ]);
    expect(cs!.outcomes.map((o) => [o.number, o.rag, o.counts])).toEqual([
      [1, 'amber', { green: 1, amber: 1, red: 0, notReturned: 3 }],
      [2, 'red', { green: 0, amber: 0, red: 1, notReturned: 2 }],
    ]);
    // What the corporate channel read is these numbers.
    const posted = w.messenger.sent
      .filter((s) => s.conversation === 'conv:corporate')
      .map((s) => cardText(s.message.card))
      .join('\n');
    expect(posted).toMatch(
      /Customer Services[\s\S]*Green 1 · ▲ Amber 1 · ✖ Red 1 · not returned 5 · 1 answered late/,
    );
    expect(posted).toMatch(
      new RegExp(
        `Libraries, Registration and Archives[\\s\\S]*Green ${lraOwned - 1} · ▲ Amber 0 · ✖ Red 1 · not returned ${lraItems - lraOwned}`,
      ),
    );
    expect(posted).toMatch(/CS-2\.1\.01[\s\S]*Supplier withdrew/);
    expect(posted).toMatch(/CS01[\s\S]*70%[\s\S]*85%/);
  });
});
