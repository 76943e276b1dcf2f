/**
 * Send back, end to end on the use cases: a quarter in which two returns are sent back and one answered
 * again shows exactly that in status, the reminders (only the outstanding one is reminded), the digest
 * preview, the approval, the published digest and the report's record; and each limit holds.
 */
import { manager } from '../support/actors';
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { tick } from '../../src/app/cycle/tick';
import { approveDigest, ConfirmApproval, loadDigest, publishDigest } from '../../src/app/digest/digest';
import { sendBackReturn } from '../../src/app/returns/send-back';
import { submitReturn } from '../../src/app/returns/submit-return';
import { outstandingByOwner } from '../../src/app/sending/step-messages';
import { withSendLease } from '../../src/app/sending/send-lease';
import { renderReport } from '../../src/report/report';
import { cardText } from '../support/adaptive-cards';
import { world } from '../support/world';

const SM = 'svc@example.org';
const Q1 = '2016-17-Q1';
const SWALE = 'area-ops.swale@example.org'; // LRA-1.4.01, their only item
const SEVENOAKS = 'area-ops.sevenoaks@example.org'; // LRA-2.2.03, their only item
const smActor = manager(SM);

async function quarter() {
  const w = await world({ installAll: true });
  const deps = { ...w.deps, serviceManagers: [SM] };
  await w.people.upsert(SM, { conversation: 'conv:svc', reachable: true }, '2016-06-01T00:00:00Z');
  await w.people.setSmtChannel({
    conversation: 'conv:smt',
    name: 'SMT',
    registeredBy: SM,
    registeredAt: '2016-06-01T00:00:00Z',
  });
  await tick(deps, '2016-07-01T08:00:00Z', w.lease);
  const answer = (item: string, by: string, rag: string, commentary: string, now: string) =>
    submitReturn(w.deps, { cycleKey: Q1, item, by, serviceManager: false, answer: { rag, commentary }, now });
  await answer('a:LRA-1.4.01', SWALE, 'green', 'Done.', '2016-07-04T10:00:00Z');
  await answer('a:LRA-2.2.03', SEVENOAKS, 'green', 'On track.', '2016-07-04T11:00:00Z');
  return { w, deps, answer };
}

describe('send back', () => {
  it('two sent back, one answered again: status, reminders, preview, approval, published digest and record agree', async () => {
    const { w, deps, answer } = await quarter();
    const before = w.messenger.sent.length;
    const first = await sendBackReturn(deps, {
      actor: smActor,
      item: 'LRA-1.4.01',
      note: 'Done what? Say what was delivered.',
      now: '2016-07-05T09:00:00Z',
    });
    await sendBackReturn(deps, {
      actor: smActor,
      item: 'lra-2.2.03',
      note: 'Is this really Green?',
      now: '2016-07-05T09:05:00Z',
    });
    expect(first.to).toEqual([SWALE]);
    // The owner's card comes back: the note, the earlier answer filled in, "Answer again".
    const card = w.messenger.sent.slice(before).find((s) => s.conversation === `conv:${SWALE}`)?.message.card;
    const text = cardText(card);
    expect(text).toMatch(/Sent back by svc@example\.org on .*: Done what\? Say what was delivered\./);
    expect(text).toMatch(/Answer again/);
    expect(JSON.stringify(card)).toMatch(/"value":"Done\."/);

    await answer(
      'a:LRA-1.4.01',
      SWALE,
      'green',
      'All four Swale sessions ran in June, 86 attended.',
      '2016-07-06T10:00:00Z',
    );

    // Status: only the one not answered again is outstanding, and it says it is waiting.
    const state = await loadCycleState(deps, (await w.cycles.get(Q1))!);
    expect([...outstandingByOwner(state)].filter(([, items]) => items.length).map(([o]) => o)).toContain(
      SEVENOAKS,
    );
    expect(outstandingByOwner(state).get(SWALE) ?? []).toEqual([]);
    expect([...(state.sentBack?.keys() ?? [])]).toEqual(['a:LRA-2.2.03']);

    // Reminders: Sevenoaks is reminded of LRA-2.2.03; Swale, answered again, is not.
    const sentBefore = w.messenger.sent.length;
    await tick(deps, '2016-07-07T08:00:00Z', w.lease);
    const reminded = w.messenger.sent.slice(sentBefore).map((s) => s.conversation);
    expect(reminded).toContain(`conv:${SEVENOAKS}`);
    expect(reminded).not.toContain(`conv:${SWALE}`);

    // The preview: "sent back: waiting" among the not returned, and the count.
    const preview = await loadDigest(deps, (await w.cycles.get(Q1))!);
    expect(preview.sentBackCount).toBe(1);
    expect(preview.outstanding.find((o) => o.owner === SEVENOAKS)?.items).toEqual([
      'LRA-2.2.03 (sent back: waiting)',
    ]);
    expect(preview.sendBacks.map((s) => [s.id, s.answeredAgain])).toEqual([
      ['LRA-1.4.01', true],
      ['LRA-2.2.03', false],
    ]);

    // Approving asks to confirm; confirmed, it is approved and published with the count said.
    await expect(
      approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' }),
    ).rejects.toThrow(ConfirmApproval);
    await expect(
      approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' }),
    ).rejects.toThrow(/1 return\(s\) sent back and not answered again \(LRA-2\.2\.03\)/);
    await approveDigest(deps, {
      actor: manager(SM),
      cycleKey: Q1,
      now: '2016-07-12T09:01:00Z',
      confirmed: true,
    });
    await withSendLease(w.lease, (holding) =>
      publishDigest(deps, {
        actor: manager(SM),
        cycleKey: Q1,
        now: '2016-07-12T10:00:00Z',
        holding: holding,
      }),
    );
    const posted = w.messenger
      .to('conv:smt')
      .map((s) => cardText(s.message.card))
      .join('\n');
    expect(posted).toMatch(/1 return\(s\) sent back and not re-answered/);

    // The record: both answers of Swale's item, and both notes with who and when.
    expect((await w.returns.history(Q1, 'a:LRA-1.4.01')).map((r) => r.version)).toEqual([1, 2]);
    const digest = await loadDigest(deps, (await w.cycles.get(Q1))!);
    const json = JSON.parse(renderReport(digest, 'json', 'Europe/London')) as { sendBacks: unknown };
    expect(json.sendBacks).toEqual([
      {
        id: 'LRA-1.4.01',
        by: SM,
        at: '2016-07-05T09:00:00Z',
        note: 'Done what? Say what was delivered.',
        answeredAgain: true,
      },
      {
        id: 'LRA-2.2.03',
        by: SM,
        at: '2016-07-05T09:05:00Z',
        note: 'Is this really Green?',
        answeredAgain: false,
      },
    ]);
    const md = renderReport(digest, 'md', 'Europe/London');
    expect(md).toMatch(
      /## Returns sent back\n\n- LRA\\-1\\\.4\\\.01: .*\(answered again\)\n- LRA\\-2\\\.2\\\.03: .*\(not re-answered\)/,
    );

    // Published: the record is final.
    await expect(
      sendBackReturn(deps, {
        actor: smActor,
        item: 'LRA-1.4.01',
        note: 'Once more',
        now: '2016-07-13T09:00:00Z',
      }),
    ).rejects.toThrow(/digest is published: its record is final/);
    await w.drop();
  });

  it('limits: managers only, a note within the limit, something answered, one open send-back at a time', async () => {
    const { w, deps } = await quarter();
    const send = (item: string, note: unknown, actor = smActor) =>
      sendBackReturn(deps, { actor, item, note, now: '2016-07-05T09:00:00Z' });
    await expect(send('LRA-1.4.01', 'Why?', { upn: SWALE, serviceManager: false })).rejects.toThrow(
      /Only a service manager/,
    );
    await expect(send('LRA-1.4.01', '   ')).rejects.toThrow(/Add a note/);
    await expect(send('LRA-1.4.01', 'x'.repeat(2001))).rejects.toThrow(/keep it to 2000 characters/);
    await expect(send('LRA-9.9.99', 'Why?')).rejects.toThrow(/There is no item "LRA-9\.9\.99"/);
    await expect(send('LRA-1.1.01', 'Why?')).rejects.toThrow(
      /not answered yet, so there is nothing to send back/,
    );
    await send('LRA-1.4.01', 'Say what was delivered.');
    await expect(send('LRA-1.4.01', 'And again')).rejects.toThrow(/one send-back at a time/);
    // Nothing of the refused attempts was recorded.
    expect((await w.returns.sendBacks(Q1)).map((s) => s.note)).toEqual(['Say what was delivered.']);
    await w.drop();
  });

  it('a send-back after approval withdraws it: what SMT sees includes the answer that comes back', async () => {
    const { w, deps } = await quarter();
    await approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-05T08:00:00Z' });
    await sendBackReturn(deps, {
      actor: smActor,
      item: 'LRA-1.4.01',
      note: 'Say what was delivered.',
      now: '2016-07-05T09:00:00Z',
    });
    expect(await w.digests.approval(Q1)).toBeUndefined();
    await w.drop();
  });
});
