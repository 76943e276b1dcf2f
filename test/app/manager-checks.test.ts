/**
 * Every use case a service manager drives checks the role itself: a caller without it is refused with
 * what to do, and nothing is sent, stored or changed. The scheduler and the CLI act with the role.
 */
import { systemActor } from '../../src/app/council/actors';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { setSchedule, showSchedule } from '../../src/app/cycle/set-schedule';
import { tick } from '../../src/app/cycle/tick';
import { planOf } from '../../src/app/cycle/cycle-state';
import { supportingOutcomeId } from '../../src/domain/plan';
import { approveDigest, publishDigest, reviewSupportingOutcome } from '../../src/app/digest/digest';
import { checkForReview, draftForReview, reviewDigest } from '../../src/app/digest/review';
import { registerSmtChannel } from '../../src/app/digest/smt-channel';
import { applyUpload, previewUpload } from '../../src/app/plan/plan-upload';
import { committeeReport } from '../../src/app/digest/committee-report';
import { recordEmailedAnswer } from '../../src/app/returns/record-answer';
import { chaseNow, resendFailed } from '../../src/app/sending/manual-sends';
import { withSendLease } from '../../src/app/sending/send-lease';
import { NotAuthorisedError } from '../../src/domain/errors';
import { parseQuarter } from '../../src/domain/quarter';
import { manager, notManager } from '../support/actors';
import { world } from '../support/world';

const OWNER = 'area-ops.gravesham@example.org';
const NOW = '2016-07-04T10:00:00Z';
const CHANNEL = { conversation: '{}', name: 'SMT', registeredBy: OWNER, registeredAt: NOW };

async function opened() {
  const w = await world({ installAll: true });
  await tick(w.deps, '2016-07-01T08:00:00Z', w.lease);
  const cycle = (await w.cycles.get('2016-17-Q1'))!;
  const item = (await planOf(w.plans, cycle)).activities[0]!;
  const so = supportingOutcomeId(item.outcome, item.supportingOutcome);
  return { w, cycle, item, so };
}

describe('manager checks inside the use cases', () => {
  it('chase now and resend failed refuse anyone but a service manager, before anything is sent', async () => {
    const { w, cycle } = await opened();
    const sent = w.messenger.sent.length;
    const input = (serviceManager: boolean) => ({
      actor: { upn: OWNER, serviceManager },
      cycle,
      now: NOW,
      lease: w.lease,
    });
    await expect(chaseNow(w.deps, input(false))).rejects.toThrow(NotAuthorisedError);
    await expect(resendFailed(w.deps, input(false))).rejects.toThrow(
      /Only service managers can resend failed messages/,
    );
    expect(w.messenger.sent.length).toBe(sent);
    const chased = await chaseNow(w.deps, input(true));
    expect(chased.sent.length).toBeGreaterThan(0);
    await w.drop();
  });

  it('open, schedule, SMT channel, review, AI, approve, publish and record refuse an owner and change nothing', async () => {
    const { w, cycle, item, so } = await opened();
    const actor = notManager(OWNER);
    const before = {
      cycles: (await w.cycles.all()).length,
      schedule: await w.plans.schedule(),
      returns: (await w.returns.list(cycle.key)).length,
      sent: w.messenger.sent.length,
    };
    const allowed = () => Promise.resolve(true);
    const fetched: unknown[] = [];
    const fetchNothing = (sources: unknown) => {
      fetched.push(sources);
      return Promise.resolve([]);
    };
    const readNothing = () => Promise.reject(new Error('nothing is read for a refusal'));
    const refusals: [string, Promise<unknown>][] = [
      [
        'open a quarter',
        openCycle(w.deps, { quarter: parseQuarter('2016/17 Q2'), clock: () => NOW, actor, lease: w.lease }),
      ],
      ['see and change the schedule', showSchedule(w.deps, { actor })],
      ['change the schedule', setSchedule(w.deps, { actor, changes: { timeOfDay: '07:00' }, now: NOW })],
      ['register the SMT channel', registerSmtChannel(w.deps, { actor, channel: CHANNEL })],
      ['review the digest', reviewDigest(w.deps, { actor })],
      ['review the digest', checkForReview(w.deps, { actor, cycle, soId: so, mayUseAi: allowed })],
      ['review the digest', draftForReview(w.deps, { actor, cycle, soId: so, mayUseAi: allowed })],
      [
        'review the digest',
        reviewSupportingOutcome(w.deps, {
          actor,
          cycleKey: cycle.key,
          soId: so,
          review: { commentary: 'On track.', override: 'none', reason: '' },
          now: NOW,
        }),
      ],
      ['approve the digest', approveDigest(w.deps, { actor, cycleKey: cycle.key, now: NOW })],
      [
        'publish the digest',
        withSendLease(w.lease, (holding) =>
          publishDigest(w.deps, { actor, cycleKey: cycle.key, now: NOW, holding }),
        ),
      ],
      ['get the committee report', committeeReport(w.deps, { actor, key: cycle.key })],
      ['get the committee report', committeeReport(w.deps, { actor, key: '2016-17' })],
      ['load a plan', previewUpload(w.deps, { actor, sources: [], now: NOW }, fetchNothing, readNothing)],
      ['load a plan', applyUpload(w.deps, { actor, id: 'up-1', now: NOW }, fetchNothing, readNothing)],
      [
        'record answers sent by email',
        recordEmailedAnswer(w.deps, { actor, id: item.id, given: 'red', text: 'From the email.', now: NOW }),
      ],
    ];
    for (const [doing, attempt] of refusals)
      await expect(attempt).rejects.toThrow(
        new RegExp(`Only service managers can ${doing}\\. Ask a service manager`),
      );
    expect((await w.cycles.all()).length).toBe(before.cycles);
    expect(await w.plans.schedule()).toEqual(before.schedule);
    expect(await w.people.smtChannel()).toBeUndefined();
    expect(await w.digests.approval(cycle.key)).toBeUndefined();
    expect(await w.digests.published(cycle.key)).toBeFalsy();
    expect((await w.returns.list(cycle.key)).length).toBe(before.returns);
    expect(w.messenger.sent.length).toBe(before.sent);
    expect(fetched).toEqual([]);
    await w.drop();
  });

  it('names the service when the council has several, and lets a manager, the scheduler and the CLI act', async () => {
    const { w, cycle, item } = await opened();
    await expect(
      showSchedule(w.deps, { actor: { ...notManager(OWNER), serviceName: 'Community Safety' } }),
    ).rejects.toThrow(
      /Only service managers of Community Safety can see and change the schedule\. Ask a service manager of Community Safety/,
    );
    const recorded = await recordEmailedAnswer(w.deps, {
      actor: manager('service-manager@example.org'),
      id: item.id.toLowerCase(),
      given: 'Amber',
      text: 'Recorded from the email reply.',
      now: NOW,
    });
    expect(recorded.stored).toMatchObject({ rag: 'amber', submittedBy: 'service-manager@example.org' });
    await registerSmtChannel(w.deps, { actor: manager('service-manager@example.org'), channel: CHANNEL });
    expect((await w.people.smtChannel())?.name).toBe('SMT');
    await expect(registerSmtChannel(w.deps, { actor: manager(OWNER), channel: undefined })).rejects.toThrow(
      /in the SMT team channel/,
    );
    const saved = await setSchedule(w.deps, {
      actor: systemActor('cli'),
      changes: { timeOfDay: '07:30' },
      now: NOW,
    });
    expect(saved.timeOfDay).toBe('07:30');
    const review = await reviewDigest(w.deps, { actor: systemActor('scheduler') });
    expect(review.cycle.key).toBe(cycle.key);
    expect(review.digest.outcomes.length).toBeGreaterThan(0);
    await w.drop();
  });
});
