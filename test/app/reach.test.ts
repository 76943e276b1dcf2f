/**
 * Reaching owners through the installer, in memory with a scripted installer: a temporary fault leaves the
 * owner's message to be retried (never marked unreachable), and a 409 on the retry still counts as
 * installed by RAG Chaser; an owner reached before whom the directory no longer has is reported once.
 */
import { fanOut, type PlannedMessage } from '../../src/app/sending/fanout';
import type { Installer, InstallResult } from '../../src/app/ports';
import { LEFT_REASON } from '../../src/app/sending/reach';
import { memoryStores } from '../../src/store/memory';
import { RecordingMessenger } from '../support/world';

const CYCLE = '2016-17-Q1';
const UPN = 'area-ops.gravesham@example.org';
const message = (step: string): PlannedMessage => ({
  id: `${step}|${UPN}|1`,
  recipient: UPN,
  kind: step === 'chase' ? 'chase' : 'reminder',
  build: () => Promise.resolve({ text: 'Your card' }),
});

class ScriptedInstaller implements Installer {
  readonly calls: string[] = [];
  constructor(private readonly answers: InstallResult[]) {}
  install(upn: string): Promise<InstallResult> {
    this.calls.push(upn);
    return Promise.resolve(this.answers.shift() ?? { outcome: 'retry-later', error: 'no script left' });
  }
}

describe('reaching owners through the installer', () => {
  it('a temporary install fault is retried by the next run; its 409 still counts as installed for them', async () => {
    const stores = memoryStores();
    const messenger = new RecordingMessenger();
    const installer = new ScriptedInstaller([
      { outcome: 'retry-later', error: 'Graph answered 503' },
      { outcome: 'installed', conversation: 'conv:gravesham', already: true, aadObjectId: 'aad-1' },
    ]);
    const deps = { ...stores, messenger, installer };
    const run = (at: string) => fanOut(deps, CYCLE, [message('chase')], () => at, { holder: 'h' });
    const first = await run('2016-07-01T08:00:00Z');
    expect(first.retrying).toEqual([UPN]);
    expect(first.unreachable).toEqual([]);
    expect((await stores.outbox.get(CYCLE, `chase|${UPN}|1`))?.status).toBe('retrying');
    const second = await run('2016-07-01T08:01:00Z');
    expect(second.sent).toEqual([UPN]);
    expect(messenger.to('conv:gravesham')).toHaveLength(1);
    expect(await stores.people.get(UPN)).toMatchObject({ reachedBy: 'installed', aadObjectId: 'aad-1' });
  });

  it('an owner reached before and now gone from the directory is reported once, with what to do', async () => {
    const stores = memoryStores();
    await stores.people.upsert(
      UPN,
      {
        conversation: 'conv:old',
        reachable: false,
        aadObjectId: 'aad-1',
        unreachableReason: 'the conversation no longer exists (app removed)',
      },
      '2016-06-01T00:00:00Z',
    );
    const gone: InstallResult = {
      outcome: 'unreachable',
      code: 'not-in-directory',
      reason: 'not in the directory: check the owner address in the plan',
    };
    const deps = {
      ...stores,
      messenger: new RecordingMessenger(),
      installer: new ScriptedInstaller([gone, gone]),
    };
    const first = await fanOut(deps, CYCLE, [message('chase')], () => '2016-07-01T08:00:00Z', {
      holder: 'h',
    });
    expect(first.left).toEqual([UPN]);
    expect((await stores.people.get(UPN))?.unreachableReason).toBe(LEFT_REASON);
    const later = await fanOut(deps, CYCLE, [message('reminder-5')], () => '2016-07-07T08:00:00Z', {
      holder: 'h',
    });
    expect(later.left).toEqual([]);
    // Someone never reached who is not in the directory is not taken for a leaver.
    const stranger: PlannedMessage = {
      ...message('chase'),
      id: 'chase|new@example.org|1',
      recipient: 'new@example.org',
    };
    const fresh = await fanOut(
      { ...deps, installer: new ScriptedInstaller([gone]) },
      CYCLE,
      [stranger],
      () => '2016-07-01T09:00:00Z',
      { holder: 'h' },
    );
    expect(fresh.left).toEqual([]);
    expect(fresh.unreachable[0]?.reason).toMatch(/^not in the directory/);
  });
});
