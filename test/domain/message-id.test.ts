import {
  chaseNowStep,
  emailStageOf,
  formatMessageId,
  formatStep,
  parseMessageId,
  parseStep,
  reminderDays,
  stepMessageId,
  stepOf,
  type MessageId,
} from '../../src/domain/message-id';

const UPN = 'area-ops.gravesham@example.org';

/** Every kind, with the string stored in the outbox (those strings never change: rows keep them). */
const CASES: [MessageId, string][] = [
  [{ kind: 'step', step: { kind: 'chase' }, recipient: UPN, part: 1 }, `chase|${UPN}|1`],
  [{ kind: 'step', step: { kind: 'reminder', days: 5 }, recipient: UPN, part: 2 }, `reminder-5|${UPN}|2`],
  [{ kind: 'step', step: { kind: 'reminder', days: 0 }, recipient: UPN, part: 1 }, `reminder-0|${UPN}|1`],
  [
    { kind: 'step', step: { kind: 'chase-now', at: '201607071030' }, recipient: UPN, part: 1 },
    `chase-now-201607071030|${UPN}|1`,
  ],
  [{ kind: 'step', step: { kind: 'escalate' }, recipient: UPN }, `escalate|${UPN}`],
  [{ kind: 'opened', recipient: UPN }, `opened|${UPN}`],
  [{ kind: 'left', step: { kind: 'reminder', days: 3 }, recipient: UPN }, `left-reminder-3|${UPN}`],
  [{ kind: 'digest', part: 2 }, 'digest|smt|2'],
  [{ kind: 'digest-due', recipient: UPN }, `digest-due|${UPN}`],
  [
    {
      kind: 'handover',
      item: 'LRA-1.1.01',
      to: 'stock@example.org',
      at: '2016-07-04T10:00:00Z',
      recipient: UPN,
    },
    `handover|LRA-1.1.01|stock@example.org|2016-07-04T10:00:00Z|${UPN}`,
  ],
  [{ kind: 'council', part: 1 }, 'council|corporate|1'],
  [{ kind: 'email', stage: 'reminder-5', recipient: UPN }, `email|reminder-5|${UPN}`],
];

describe('message ids', () => {
  it.each(CASES)('%j formats as the stored string and parses back', (id, text) => {
    expect(formatMessageId(id)).toBe(text);
    expect(parseMessageId(text)).toEqual(id);
  });

  it.each([
    '',
    'chase',
    `chase|${UPN}|0`,
    `chase|${UPN}|x`,
    `reminder-|${UPN}|1`,
    `chase-now-2016|${UPN}|1`,
    'digest|channel|1',
    `handover|LRA-1.1.01|stock@example.org|${UPN}`,
    `email|${UPN}`,
    `shout|${UPN}`,
    `opened|${UPN}|extra`,
  ])('refuses %j', (text) => {
    expect(parseMessageId(text)).toBeUndefined();
  });

  it('refuses a field holding the separator, so an id can never be read two ways', () => {
    expect(() => formatMessageId({ kind: 'opened', recipient: 'a|b@example.org' })).toThrow(/not usable/);
    expect(() => stepMessageId('open', UPN)).toThrow(/not a step id/);
  });

  it('steps: one grammar for the schedule, the outbox and the email stages', () => {
    expect(formatStep(chaseNowStep('2016-07-07T10:30:42Z'))).toBe('chase-now-201607071030');
    expect(parseStep('reminder-10')).toEqual({ kind: 'reminder', days: 10 });
    expect(parseStep('open')).toBeUndefined();
    expect(reminderDays('reminder-3')).toBe(3);
    expect(stepOf(`left-escalate|${UPN}`)).toEqual({ kind: 'escalate' });
    expect(stepOf('digest|smt|1')).toBeUndefined();
    // Every chase-now of a quarter is one email stage; a long card's parts are one email.
    expect(emailStageOf(`chase-now-201607071030|${UPN}|2`)).toBe('chase-now');
    expect(emailStageOf(`reminder-5|${UPN}|1`)).toBe('reminder-5');
    expect(emailStageOf(`opened|${UPN}`)).toBeUndefined();
  });
});
