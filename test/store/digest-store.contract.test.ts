import { eachAdapter } from './adapters';

const Q1 = '2016-17-Q1';
const stamp = { by: 'svc@example.org', at: '2016-07-20T10:00:00Z' };

eachAdapter('DigestStore', (stores) => {
  it('reviews per supporting outcome, replaced on save, kept per quarter', async () => {
    const d = stores().digests;
    expect((await d.reviews(Q1)).size).toBe(0);
    await d.saveReview(Q1, 'so-2', { commentary: 'Two', ...stamp });
    await d.saveReview(Q1, 'so-1', { commentary: 'One', ...stamp });
    await d.saveReview(Q1, 'so-1', {
      commentary: 'One again',
      override: { rag: 'red', reason: 'Why' },
      ...stamp,
    });
    expect([...(await d.reviews(Q1))]).toEqual([
      ['so-1', { commentary: 'One again', override: { rag: 'red', reason: 'Why' }, ...stamp }],
      ['so-2', { commentary: 'Two', ...stamp }],
    ]);
    expect((await d.reviews('2016-17-Q2')).size).toBe(0);
  });

  it('approval is given, withdrawn (also when there is none) and given again; publication is stamped', async () => {
    const d = stores().digests;
    expect(await d.approval(Q1)).toBeUndefined();
    await d.withdrawApproval(Q1);
    await d.approve(Q1, stamp);
    expect(await d.approval(Q1)).toEqual(stamp);
    await d.withdrawApproval(Q1);
    expect(await d.approval(Q1)).toBeUndefined();
    expect(await d.published(Q1)).toBeUndefined();
    await d.markPublished(Q1, stamp);
    expect(await d.published(Q1)).toEqual(stamp);
    expect(await d.published('2016-17-Q2')).toBeUndefined();
  });
});
