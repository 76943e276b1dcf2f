/**
 * Check with AI: the assistant sees ids, ratings and commentaries (no owners, addresses taken out); its
 * answer is validated (made-up ids dropped, reasons clipped plain text) and labelled AI; ratings never
 * change; a failure or a used-up allowance says why.
 */
import { checkWithAi, withAiFlags } from '../../src/app/digest/ai-check';
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { tick } from '../../src/app/cycle/tick';
import { submitReturn } from '../../src/app/returns/submit-return';
import type { Assistant, AssistantResult, CheckInput } from '../../src/app/ports';
import { supportingOutcomeId } from '../../src/domain/plan';
import { world } from '../support/world';

class CheckingAssistant implements Assistant {
  readonly seen: CheckInput[] = [];
  constructor(private readonly answer: AssistantResult<unknown>) {}
  toQuery() {
    return Promise.resolve({ ok: false as const, failure: 'no-tool' as const });
  }
  draft() {
    return Promise.resolve({ ok: false as const, failure: 'no-tool' as const });
  }
  check(input: CheckInput) {
    this.seen.push(input);
    return Promise.resolve(this.answer);
  }
}

async function answered() {
  const w = await world({ installAll: true });
  await tick(w.deps, '2016-07-01T08:00:00Z', w.lease);
  const activity = w.plan.activities.find((a) => a.id === 'LRA-1.1.01')!;
  await submitReturn(w.deps, {
    cycleKey: '2016-17-Q1',
    item: 'a:LRA-1.1.01',
    by: activity.owner,
    serviceManager: false,
    answer: { rag: 'green', commentary: 'Postponed to September; ask area-ops.gravesham@example.org why.' },
    now: '2016-07-04T10:00:00Z',
  });
  const state = await loadCycleState(w.deps, (await w.cycles.get('2016-17-Q1'))!);
  return { w, state, so: supportingOutcomeId(activity.outcome, activity.supportingOutcome) };
}

describe('Check with AI', () => {
  it('flags what the model points out, labelled AI; made-up ids dropped; addresses never sent; ratings unchanged', async () => {
    const { w, state, so } = await answered();
    const ai = new CheckingAssistant({
      ok: true,
      value: [
        { id: 'LRA-1.1.01', reason: 'Green, but the commentary says it was postponed.' },
        { id: 'LRA-9.9.99', reason: 'Not an item of this supporting outcome.' },
      ],
    });
    const result = await checkWithAi(ai, state, so);
    expect(result).toEqual({
      ok: true,
      flagged: [
        {
          id: 'LRA-1.1.01',
          title: expect.any(String) as string,
          reasons: ['AI: Green, but the commentary says it was postponed.'],
        },
      ],
    });
    expect(ai.seen[0]?.items).toEqual([
      {
        id: 'LRA-1.1.01',
        rating: expect.stringMatching(/Green/) as string,
        commentary: 'Postponed to September; ask [address] why.',
      },
    ]);
    expect(JSON.stringify(ai.seen)).not.toMatch(/@example\.org/);
    expect(state.returns.get('a:LRA-1.1.01')?.rag).toBe('green');
    // Beside the rules' own flags for the same item.
    const merged = withAiFlags(
      new Map([[so, [{ id: 'LRA-1.1.01', title: 't', reasons: ['rule'] }]]]),
      so,
      result.ok ? result.flagged : [],
    );
    expect(merged.get(so)?.[0]?.reasons).toEqual([
      'rule',
      'AI: Green, but the commentary says it was postponed.',
    ]);
    await w.drop();
  });

  it('says why when there is no check: off, allowance used, a failure, an answer in the wrong form', async () => {
    const { w, state, so } = await answered();
    expect(await checkWithAi(undefined, state, so)).toEqual({ ok: false, why: 'AI is not switched on here' });
    const ok = new CheckingAssistant({ ok: true, value: [] });
    expect(await checkWithAi(ok, state, so, () => Promise.resolve(false))).toEqual({
      ok: false,
      why: expect.stringMatching(/used your AI requests/) as string,
    });
    expect(ok.seen).toEqual([]);
    expect(await checkWithAi(new CheckingAssistant({ ok: false, failure: 'timeout' }), state, so)).toEqual({
      ok: false,
      why: 'the AI service did not answer in time',
    });
    expect(
      await checkWithAi(new CheckingAssistant({ ok: true, value: { not: 'a list' } }), state, so),
    ).toEqual({ ok: false, why: expect.stringMatching(/form RAG Chaser does not accept/) as string });
    await w.drop();
  });
});
