/**
 * Ask's limits: a question of more than 500 characters is refused before it is read; each person has an
 * hourly allowance of AI calls (questions and drafts), counted in storage; an address in a long text is
 * still found, and a long run without one is read once.
 */
import { aiAllowance, AI_CALLS_PER_HOUR } from '../../src/app/ask/ai-allowance';
import { ask, MAX_QUESTION_CHARS, type AskService } from '../../src/app/ask/ask';
import { draftCommentary } from '../../src/app/digest/draft-commentary';
import { loadDigest } from '../../src/app/digest/digest';
import type { Assistant } from '../../src/app/ports';
import { askWorld, Q2 } from '../support/ask-seed';

class CountingAssistant implements Assistant {
  calls = 0;
  toQuery() {
    this.calls += 1;
    return Promise.resolve({ ok: true as const, value: { rating: ['red' as const] } });
  }
  draft() {
    this.calls += 1;
    return Promise.resolve({ ok: true as const, value: 'A draft.' });
  }
  check() {
    this.calls += 1;
    return Promise.resolve({ ok: true as const, value: [] as unknown });
  }
}

describe('Ask limits', () => {
  let seed: Awaited<ReturnType<typeof askWorld>>;
  let service: AskService;
  beforeAll(async () => {
    seed = await askWorld();
    service = { key: 'lra', name: 'Libraries, Registration and Archives', deps: seed.w.deps };
  });

  it('refuses a question longer than 500 characters, saying how long one may be', async () => {
    const assistant = new CountingAssistant();
    const long = `which reds are in Dover ${'please '.repeat(80)}`;
    expect(long.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    const answer = await ask([service], 'current', long, assistant);
    expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/at most 500 characters/) });
    expect(assistant.calls).toBe(0);
    expect((await ask([service], 'current', 'which reds are in Dover?')).ok).toBe(true);
  });

  it('uses the AI at most the hourly allowance for one person; another person and the next hour have their own', async () => {
    const assistant = new CountingAssistant();
    const leases = seed.w.leases;
    const wording = 'show me the ones that are burning';
    for (let i = 0; i < AI_CALLS_PER_HOUR + 3; i += 1)
      await ask(
        [service],
        'current',
        wording,
        assistant,
        aiAllowance(leases, 'svc@example.org', '2016-10-20T10:15:00Z'),
      );
    expect(assistant.calls).toBe(AI_CALLS_PER_HOUR);
    const over = await ask(
      [service],
      'current',
      wording,
      assistant,
      aiAllowance(leases, 'SVC@example.org', '2016-10-20T10:59:00Z'),
    );
    expect(over).toMatchObject({
      ok: false,
      message: expect.stringMatching(/many questions in the last hour/),
    });
    const cycle = (await seed.w.cycles.get(Q2))!;
    const so = (await loadDigest(seed.w.deps, cycle)).outcomes[0]!.supportingOutcomes[0]!;
    const draft = await draftCommentary(
      { ...seed.w.deps, assistant },
      cycle,
      so.id,
      aiAllowance(leases, 'svc@example.org', '2016-10-20T10:30:00Z'),
    );
    expect(draft).toMatchObject({ by: 'owners', why: expect.stringMatching(/used your AI drafts/) });
    expect(assistant.calls).toBe(AI_CALLS_PER_HOUR);
    await ask(
      [service],
      'current',
      wording,
      assistant,
      aiAllowance(leases, 'other@example.org', '2016-10-20T10:30:00Z'),
    );
    await ask(
      [service],
      'current',
      wording,
      assistant,
      aiAllowance(leases, 'svc@example.org', '2016-10-20T11:00:00Z'),
    );
    expect(assistant.calls).toBe(AI_CALLS_PER_HOUR + 2);
  });

  it('still finds an owner address in a question at the length limit', async () => {
    const answer = await ask(
      [service],
      'current',
      `what is outstanding for area-ops.dover@example.org${' '.repeat(400)}?`,
    );
    expect(answer.ok).toBe(true);
  });
});
