import { applySendBacks, openSendBack, sendBackNoteSchema, type SendBack } from '../../src/domain/send-back';
import type { StoredReturn } from '../../src/domain/returns';

const v = (version: number, at: string): StoredReturn => ({
  item: 'a:LRA-1.1.01',
  rag: 'green',
  commentary: `version ${version}`,
  submittedBy: 'area-ops.gravesham@example.org',
  submittedAt: at,
  late: false,
  version,
});
const back = (version: number, at: string): SendBack => ({
  item: 'a:LRA-1.1.01',
  note: 'Is it really Green?',
  by: 'svc@example.org',
  at,
  version,
});

describe('send-backs', () => {
  it('is open while the answer it was about is the current one; an answer again closes it', () => {
    const sent = [back(1, '2016-07-05T09:00:00Z')];
    expect(openSendBack(sent, v(1, '2016-07-04T10:00:00Z'))).toEqual(sent[0]);
    expect(openSendBack(sent, v(2, '2016-07-06T10:00:00Z'))).toBeUndefined();
    expect(openSendBack(sent, undefined)).toBeUndefined();
  });

  it('an item sent back leaves the answers counted (outstanding) and is listed with its note and answer', () => {
    const answers = new Map([['a:LRA-1.1.01' as const, v(1, '2016-07-04T10:00:00Z')]]);
    const { returns, sentBack } = applySendBacks(answers, [back(1, '2016-07-05T09:00:00Z')]);
    expect(returns.size).toBe(0);
    expect(sentBack.get('a:LRA-1.1.01')).toMatchObject({
      note: 'Is it really Green?',
      answer: { version: 1 },
    });
    // Answered again: counted, nothing open; the earlier send-back stays in the record it came from.
    const again = applySendBacks(new Map([['a:LRA-1.1.01' as const, v(2, '2016-07-06T10:00:00Z')]]), [
      back(1, '2016-07-05T09:00:00Z'),
    ]);
    expect([again.returns.size, again.sentBack.size]).toEqual([1, 0]);
  });

  it('the note is plain text within the commentary limit, never empty, and says what to write', () => {
    expect(sendBackNoteSchema.parse('  Check the value\u0007 ')).toBe('Check the value');
    expect(sendBackNoteSchema.safeParse('   ').error?.issues[0]?.message).toMatch(/Add a note/);
    expect(sendBackNoteSchema.safeParse('x'.repeat(2001)).error?.issues[0]?.message).toMatch(
      /keep it to 2000/,
    );
  });
});
