/**
 * A year and a half of quarters through two plan versions and a mid-year correction of an open quarter's
 * owner (in memory and on Azurite). Every earlier quarter's report, digest and Ask answers stay byte for
 * byte the same across each import; last year's Q4 keeps its retired activity, its wording and its KPI
 * rating against the target of its time; the new year chases the new activity and not the retired one.
 */
import { manager } from '../support/actors';
import { readImportFile } from '../../src/files/read-table';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ask, type AskService } from '../../src/app/ask/ask';
import { approveDigest, loadDigest, publishDigest } from '../../src/app/digest/digest';
import { importPlan } from '../../src/app/plan/import-plan';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { withSendLease } from '../../src/app/sending/send-lease';
import { submitReturn } from '../../src/app/returns/submit-return';
import { parseQuarter, quarterKey } from '../../src/domain/quarter';
import { renderReport } from '../../src/report/report';
import { renderYearReport } from '../../src/report/year-report';
import { loadYear } from '../../src/app/digest/year-report';
import { cardText } from '../support/adaptive-cards';
import { SAMPLE_DIR } from '../support/samples';
import { world } from '../support/world';

const SM = 'svc@example.org';
const activitiesV1 = readFileSync(join(SAMPLE_DIR, 'activities.csv'), 'utf8');
const kpisV1 = `${readFileSync(join(SAMPLE_DIR, 'kpis.csv'), 'utf8').trimEnd()}\nLRA90,Days to answer a registration enquiry,kpi,days,lower,10,5,,,,,,,,,registration@example.org\n`;
const lines = activitiesV1.trimEnd().split('\n');
// Next year's plan: LRA-1.1.02 retired, LRA-9.9.01 added, LRA-1.1.01 reworded; LRA90 floor 12, target 8.
const activitiesV2 = `${[
  ...lines
    .filter((l) => !l.startsWith('LRA-1.1.02,'))
    .map((l) => l.replace('MakerSpace Day', 'MakerSpace Week')),
  "LRA-9.9.01,Children and young people in Kent get the best start in life,Kent's communities are resilient and provide strong and safe environments to successfully raise children and young people,Archives,Catalogue the new deposit,Statutory,Kent-wide,,archives@example.org,,",
].join('\n')}\n`;
const kpisV2 = kpisV1.replace(
  'LRA90,Days to answer a registration enquiry,kpi,days,lower,10,5',
  'LRA90,Days to answer a registration enquiry,kpi,days,lower,12,8',
);
// The mid-year correction: LRA-1.1.03's owner was wrong.
const activitiesV3 = activitiesV2.replace(
  /^(LRA-1\.1\.03,(?:[^,]*,){7})area-ops\.maidstone@example\.org/m,
  '$1area-ops.swale@example.org',
);
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

const QUARTERS = ['2016/17 Q1', '2016/17 Q2', '2016/17 Q3', '2016/17 Q4', '2017/18 Q1', '2017/18 Q2'];
const OPENS = ['2016-07-01', '2016-10-03', '2017-01-03', '2017-04-03', '2017-07-03', '2017-10-02'];

describe.each(['memory', 'azurite'] as const)('plan versions through a year and a half: %s', (storage) => {
  it('keeps every earlier quarter as it was; the new year reads its own version', async () => {
    const w = await world({ installAll: true, storage });
    try {
      const deps = { ...w.deps, serviceManagers: [SM] };
      await w.people.setSmtChannel({
        conversation: 'conv:smt',
        name: 'SMT',
        registeredBy: SM,
        registeredAt: '2016-06-01T00:00:00Z',
      });
      await importPlan(w.plans, {
        read: readImportFile,
        activities: file('activities.csv', activitiesV1),
        kpis: file('kpis.csv', kpisV1),
        now: '2016-06-01T00:00:00Z',
        cycles: w.cycles,
      });
      const service: AskService = { key: 'lra', name: 'LRA', deps };
      /** Everything a reader sees of a quarter: the report in every format, and a question's answer. */
      const record = async (label: string) => {
        const cycle = (await w.cycles.get(quarterKey(parseQuarter(label))))!;
        const digest = await loadDigest(deps, cycle);
        const answer = await ask(
          [service],
          'current',
          `which reds are there in ${label.split(' ')[1]} ${label.split(' ')[0]}?`,
        );
        return JSON.stringify([
          (['md', 'csv', 'html', 'json'] as const).map((f) => renderReport(digest, f, w.zone)),
          answer,
        ]);
      };
      const seen = new Map<string, string>();
      const unchanged = async () => {
        for (const [label, before] of seen) expect([label, await record(label)]).toEqual([label, before]);
      };
      const runQuarter = async (i: number, publish: boolean) => {
        const label = QUARTERS[i]!;
        const at = `${OPENS[i]}T09:00:00Z`;
        const { cycle } = await openCycle(deps, {
          quarter: parseQuarter(label),
          clock: () => at,
          actor: manager(SM),
          lease: w.lease,
        });
        const now = `${OPENS[i]}T12:00:00Z`;
        const answer = (item: string, by: string, a: Record<string, unknown>) =>
          submitReturn(w.deps, { cycleKey: cycle.key, item, by, serviceManager: true, answer: a, now });
        await answer('a:LRA-1.1.01', 'area-ops.gravesham@example.org', {
          rag: i === 3 ? 'red' : 'green',
          commentary: `${label} progress`,
        });
        if (i < 4)
          await answer('a:LRA-1.1.02', 'area-ops.gravesham@example.org', {
            rag: 'amber',
            commentary: `${label} code clubs`,
          });
        await answer('m:LRA90', 'registration@example.org', { value: 7, note: '' });
        if (publish) {
          await approveDigest(deps, {
            actor: manager(SM),
            cycleKey: cycle.key,
            now: `${OPENS[i]}T13:00:00Z`,
          });
          await withSendLease(w.lease, (h) =>
            publishDigest(deps, {
              actor: manager(SM),
              cycleKey: cycle.key,
              now: `${OPENS[i]}T14:00:00Z`,
              holding: h,
            }),
          );
          seen.set(label, await record(label));
        }
        return cycle;
      };
      for (const i of [0, 1, 2]) await runQuarter(i, true);
      const q4 = await runQuarter(3, false);
      const q4Before = await record('2016/17 Q4');

      // Next year's plan, imported while last year's Q4 is still open: in force from 2017/18 Q1.
      const v2 = await importPlan(w.plans, {
        read: readImportFile,
        activities: file('activities.csv', activitiesV2),
        kpis: file('kpis.csv', kpisV2),
        now: '2017-03-20T00:00:00Z',
        cycles: w.cycles,
      });
      expect(v2.placement).toMatchObject({ kind: 'new', version: 2, from: '2017-18-Q1' });
      expect(v2.placement.untouched.map((c) => c.key)).toEqual([q4.key]);
      await unchanged();
      expect(await record('2016/17 Q4')).toBe(q4Before);
      const q4Digest = await loadDigest(deps, q4);
      const q4Text = renderReport(q4Digest, 'md', w.zone);
      expect(q4Text).toMatch(
        /Amber\*\* Develop Code Clubs using young volunteers .*: 2016\/17 Q4 code clubs/,
      ); // retired since, with its answer
      expect(q4Text).toMatch(/MakerSpace Day/); // the wording it was answered against
      expect(q4Text).not.toMatch(/MakerSpace Week|Catalogue the new deposit/);
      const kpi = q4Digest.kpis.find((k) => k.ref === 'LRA90');
      expect(kpi?.rag).toBe('amber'); // 7 against floor 10 and target 5, as the committee saw it
      await approveDigest(deps, { actor: manager(SM), cycleKey: q4.key, now: '2017-04-20T13:00:00Z' });
      await withSendLease(w.lease, (h) =>
        publishDigest(deps, {
          actor: manager(SM),
          cycleKey: q4.key,
          now: '2017-04-20T14:00:00Z',
          holding: h,
        }),
      );
      seen.set('2016/17 Q4', await record('2016/17 Q4'));

      // The year-end report matches the quarters' own reports item by item.
      const year = await loadYear(deps, 2016);
      expect(year.quarters).toEqual(QUARTERS.slice(0, 4));
      for (const [q, label] of QUARTERS.slice(0, 4).entries()) {
        const digest = await loadDigest(deps, (await w.cycles.get(quarterKey(parseQuarter(label))))!);
        expect(year.counts[q]).toEqual(digest.counts);
        for (const o of digest.outcomes)
          for (const s of o.supportingOutcomes)
            for (const a of s.activities) {
              const row = year.outcomes
                .find((x) => x.id === String(o.number))
                ?.supportingOutcomes.find((x) => x.id === s.number)
                ?.items.find((x) => x.id === a.id);
              expect([label, a.id, row?.ratings[q]]).toEqual([label, a.id, a.rag]);
            }
        expect(year.kpis.find((k) => k.ref === 'LRA90')?.quarters[q]?.rag).toBe(
          digest.kpis.find((k) => k.ref === 'LRA90')?.rag,
        );
      }
      expect(year.reds.map((r) => [r.quarter, r.id])).toEqual([['2016/17 Q4', 'LRA-1.1.01']]);
      const half = await loadYear(deps, 2016, true);
      expect(half.quarters).toEqual(QUARTERS.slice(0, 2));
      for (const format of ['md', 'csv', 'html', 'json'] as const)
        expect(renderYearReport(year, format).length).toBeGreaterThan(500);
      expect(renderYearReport(year, 'csv').startsWith('\ufeff"level","ref","title","2016/17 Q1"')).toBe(true);

      // The new year: the new activity is chased, the retired one is not; LRA90 is rated against 12/8.
      w.messenger.sent.length = 0;
      const q1 = await runQuarter(4, false);
      const gravesham = w.messenger
        .to('conv:area-ops.gravesham@example.org')
        .map((m) => cardText(m.message.card))
        .join('\n');
      expect(gravesham).toMatch(/MakerSpace Week/);
      expect(gravesham).not.toMatch(/LRA-1\.1\.02/);
      expect(
        w.messenger
          .to('conv:archives@example.org')
          .map((m) => cardText(m.message.card))
          .join('\n'),
      ).toMatch(/LRA-9\.9\.01/);
      expect((await loadDigest(deps, q1)).kpis.find((k) => k.ref === 'LRA90')?.rag).toBe('green');
      await approveDigest(deps, { actor: manager(SM), cycleKey: q1.key, now: '2017-07-20T13:00:00Z' });
      await withSendLease(w.lease, (h) =>
        publishDigest(deps, {
          actor: manager(SM),
          cycleKey: q1.key,
          now: '2017-07-20T14:00:00Z',
          holding: h,
        }),
      );
      seen.set('2017/18 Q1', await record('2017/18 Q1'));

      // Mid-year: Q2 is open and an owner was wrong: corrected explicitly from Q2.
      const q2 = await runQuarter(5, false);
      const v3 = await importPlan(w.plans, {
        read: readImportFile,
        activities: file('activities.csv', activitiesV3),
        kpis: file('kpis.csv', kpisV2),
        now: '2017-10-10T00:00:00Z',
        cycles: w.cycles,
        from: parseQuarter('2017/18 Q2'),
      });
      expect(v3.placement).toMatchObject({ kind: 'new', version: 3, from: '2017-18-Q2' });
      expect(v3.placement.rebinds.map((c) => c.key)).toEqual([q2.key]);
      await unchanged();
      const q2Owner = (await loadDigest(deps, (await w.cycles.get(q2.key))!)).outcomes
        .flatMap((o) => o.supportingOutcomes.flatMap((s) => s.activities))
        .find((a) => a.id === 'LRA-1.1.03')?.owner;
      expect(q2Owner).toBe('area-ops.swale@example.org');
      // A closed quarter's version cannot be changed.
      await expect(
        importPlan(w.plans, {
          read: readImportFile,
          activities: file('activities.csv', activitiesV3),
          now: '2017-10-11T00:00:00Z',
          cycles: w.cycles,
          from: parseQuarter('2017/18 Q1'),
        }),
      ).rejects.toThrow(/2017\/18 Q1 is closed: its record never changes/);
      expect((await w.plans.versions()).map((v) => [v.version, v.from])).toEqual([
        [1, ''],
        [2, '2017-18-Q1'],
        [3, '2017-18-Q2'],
      ]);
      await unchanged();
    } finally {
      await w.drop();
    }
  }, 120_000);
});
