/** Time travel: tick through whole quarters with an injected clock; exactly who gets what, and when. */
import { manager } from '../support/actors';
import { tick } from '../../src/app/cycle/tick';
import { setSchedule } from '../../src/app/cycle/set-schedule';
import { submitReturn } from '../../src/app/returns/submit-return';
import { ValidationError } from '../../src/domain/errors';
import { cardText } from '../support/adaptive-cards';
import { world } from '../support/world';

type World = Awaited<ReturnType<typeof world>>;
const SM = 'svc@example.org';

async function setUp() {
  const w = await world({ installAll: true });
  for (const upn of [SM, 'head.operations@example.org'])
    await w.people.upsert(upn, { conversation: `conv:${upn}`, reachable: true }, '2016-06-01T00:00:00Z');
  return { w, deps: { ...w.deps, serviceManagers: [SM] } };
}

/** Ticks at each instant; returns every message with the instant it went out and its step id (from the card). */
async function travel(
  w: World,
  deps: World['deps'] & { serviceManagers: string[] },
  instants: readonly string[],
  before?: (now: string) => Promise<void>,
) {
  const log: { at: string; to: string; text: string }[] = [];
  for (const now of instants) {
    await before?.(now);
    const from = w.messenger.sent.length;
    const report = await tick(deps, now, w.lease);
    expect(report.busy).toBe(false);
    for (const s of w.messenger.sent.slice(from))
      log.push({ at: now, to: s.conversation.replace(/^conv:/, ''), text: cardText(s.message.card) });
  }
  return log;
}

function hourly(
  fromIso: string,
  toIso: string,
  hoursUtc: readonly number[] = [...Array(24).keys()],
): string[] {
  const out: string[] = [];
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += 3_600_000) {
    if (hoursUtc.includes(new Date(t).getUTCHours()))
      out.push(new Date(t).toISOString().replace('.000Z', 'Z'));
  }
  return out;
}

/** [instant, step] per message to one person, card parts of one step collapsed into one entry. */
const kinds = (log: { at: string; to: string; text: string }[], to: string) =>
  dedupe(
    log
      .filter((m) => m.to === to)
      .map((m) => [
        m.at,
        /^Overdue returns/.test(m.text)
          ? 'escalation'
          : /^Digest due/.test(m.text)
            ? 'digest due'
            : /^Opened/.test(m.text)
              ? 'opened'
              : (/Reminder: (\d)/.exec(m.text)?.[0] ??
                (/^Quarterly return/.test(m.text) ? 'chase' : m.text.slice(0, 30))),
      ]),
  );

function dedupe(entries: string[][]): string[][] {
  return entries.filter((e, i) => i === 0 || JSON.stringify(e) !== JSON.stringify(entries[i - 1]));
}

describe('tick through a quarter (Azurite, injected clock)', () => {
  it('2016/17 Q1 on the default schedule: chase, two reminders only to those who owe, escalation, nothing twice', async () => {
    const { w, deps } = await setUp();
    const answerGravesham = async (now: string) => {
      if (now !== '2016-07-05T10:00:00Z') return;
      for (const a of w.plan.activities.filter((x) => x.owner === 'area-ops.gravesham@example.org')) {
        await submitReturn(w.deps, {
          cycleKey: '2016-17-Q1',
          item: `a:${a.id}`,
          by: 'area-ops.gravesham@example.org',
          serviceManager: false,
          answer: { rag: 'green', commentary: 'Done' },
          now,
        });
      }
    };
    const log = await travel(
      w,
      deps,
      hourly('2016-06-30T00:00:00Z', '2016-07-19T00:00:00Z'),
      answerGravesham,
    );
    expect(kinds(log, 'area-ops.maidstone@example.org')).toEqual([
      ['2016-07-01T08:00:00Z', 'chase'],
      ['2016-07-07T08:00:00Z', 'Reminder: 5'],
      ['2016-07-13T08:00:00Z', 'Reminder: 1'],
    ]);
    expect(kinds(log, 'area-ops.gravesham@example.org')).toEqual([['2016-07-01T08:00:00Z', 'chase']]);
    expect(kinds(log, SM)).toEqual([
      ['2016-07-01T08:00:00Z', 'opened'],
      ['2016-07-15T08:00:00Z', 'escalation'],
      ['2016-07-18T08:00:00Z', 'digest due'],
    ]);
    expect(log.find((m) => m.to === SM && m.text.startsWith('Digest due'))?.text).toMatch(
      /not approved yet: type "digest preview"/,
    );
    expect(kinds(log, 'head.operations@example.org')).toEqual([['2016-07-15T08:00:00Z', 'escalation']]);
    const escalation = log.find((m) => m.to === SM && m.text.startsWith('Overdue'))!.text;
    expect(escalation).toMatch(/area-ops.maidstone@example.org/);
    expect(escalation).not.toMatch(/area-ops.gravesham@example.org/);
    const reminder = log.find(
      (m) => m.to === 'registration@example.org' && m.text.includes('Reminder: 5'),
    )!.text;
    expect(reminder).toMatch(/Reminder: 5 working day\(s\) to the deadline/);
    // Ticking again at an instant already done sends nothing.
    const count = w.messenger.sent.length;
    await tick(deps, '2016-07-15T08:00:00Z', w.lease);
    expect(w.messenger.sent.length).toBe(count);
    await w.drop();
  }, 120_000);

  it('2016/17 Q2 with a 25-day deadline: the window crosses the October clock change and steps stay at 09:00 London', async () => {
    const { w, deps } = await setUp();
    await setSchedule(
      { plans: w.plans, cycles: w.cycles, zone: w.zone },
      { actor: manager(SM), changes: { deadlineAfterQuarterEnd: 25 }, now: '2016-09-01T00:00:00Z' },
    );
    const log = await travel(
      w,
      deps,
      hourly('2016-10-02T00:00:00Z', '2016-11-08T00:00:00Z', [0, 6, 7, 8, 9, 10, 11]),
    );
    expect(kinds(log, 'stock@example.org')).toEqual([
      ['2016-10-03T08:00:00Z', 'chase'],
      ['2016-10-28T08:00:00Z', 'Reminder: 5'],
      ['2016-11-03T09:00:00Z', 'Reminder: 1'],
    ]);
    expect(log.filter((m) => m.to === 'stock@example.org' && m.at === '2016-10-03T08:00:00Z')).toHaveLength(
      2,
    );
    expect(kinds(log, SM)).toEqual([
      ['2016-10-03T08:00:00Z', 'opened'],
      ['2016-11-07T09:00:00Z', 'escalation'],
    ]);
    await w.drop();
  }, 120_000);

  it('2016/17 Q3 over Christmas and New Year: opens 3 January, reminders on 9 and 13 January', async () => {
    const { w, deps } = await setUp();
    const log = await travel(w, deps, hourly('2016-12-30T00:00:00Z', '2017-01-18T00:00:00Z', [0, 8, 9, 10]));
    expect(kinds(log, 'performance@example.org')).toEqual([
      ['2017-01-03T09:00:00Z', 'chase'],
      ['2017-01-09T09:00:00Z', 'Reminder: 5'],
      ['2017-01-13T09:00:00Z', 'Reminder: 1'],
    ]);
    expect(kinds(log, SM).at(-1)).toEqual(['2017-01-17T09:00:00Z', 'escalation']);
    await w.drop();
  }, 120_000);
});

describe('changing the schedule', () => {
  it('refuses an invalid schedule with the reason and changes nothing', async () => {
    const { w } = await setUp();
    const deps = { plans: w.plans, cycles: w.cycles, zone: w.zone };
    await expect(
      setSchedule(deps, {
        actor: manager(SM),
        changes: { deadlineAfterQuarterEnd: 1 },
        now: '2016-06-01T00:00:00Z',
      }),
    ).rejects.toThrow(ValidationError);
    const e = (await setSchedule(deps, {
      actor: manager(SM),
      changes: { remindersBeforeDeadline: [12], timeOfDay: '9am' },
      now: '2016-06-01T00:00:00Z',
    }).catch((x: unknown) => x)) as ValidationError;
    expect(e.problems.map((p) => p.message).join(' ')).toMatch(/falls on or before the opening/);
    expect(e.problems.map((p) => p.message).join(' ')).toMatch(/HH:MM/);
    expect(await w.plans.schedule()).toMatchObject({
      deadlineAfterQuarterEnd: 10,
      remindersBeforeDeadline: [5, 1],
      timeOfDay: '09:00',
    });
    await w.drop();
  });

  it('applies to an open cycle only for steps not yet past', async () => {
    const { w, deps } = await setUp();
    await tick(deps, '2016-07-01T08:00:00Z', w.lease);
    await tick(deps, '2016-07-07T08:00:00Z', w.lease);
    await setSchedule(
      { plans: w.plans, cycles: w.cycles, zone: w.zone },
      {
        actor: manager(SM),
        changes: { remindersBeforeDeadline: [5, 2], escalationEnabled: false },
        now: '2016-07-08T12:00:00Z',
      },
    );
    const cycle = await w.cycles.get('2016-17-Q1');
    expect(cycle?.steps.map((s) => [s.id, s.at])).toEqual([
      ['chase', '2016-07-01T08:00:00Z'],
      ['reminder-5', '2016-07-07T08:00:00Z'],
      ['reminder-2', '2016-07-12T08:00:00Z'],
      ['digest', '2016-07-18T08:00:00Z'],
    ]);
    expect(cycle?.completed).toEqual(expect.arrayContaining(['chase', 'reminder-5']));
    await w.drop();
  });
});
