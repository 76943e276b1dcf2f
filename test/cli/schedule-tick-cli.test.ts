import { importSampleWithCli, runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

describe('rag-chaser schedule, tick and status (child processes)', () => {
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    LOG_LEVEL: 'silent',
  };
  beforeAll(async () => {
    await importSampleWithCli(env);
  }, 60_000);

  it('schedule show gives the default dates; an invalid set is refused with the reason (exit 2); a valid set is saved', async () => {
    const show = await runCli(['schedule', 'show', '--quarter', '2016/17-Q3'], env);
    expect(show.stdout).toMatch(/opens +Tuesday 3 January 2017, 09:00/);
    expect(show.stdout).toMatch(/deadline +end of Monday 16 January 2017/);
    const bad = await runCli(['schedule', 'set', '--deadline', '1'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/deadline \(1 working days after quarter end\) must come after the opening/);
    const badTime = await runCli(['schedule', 'set', '--time', '25:00'], env);
    expect(badTime.stderr).toMatch(/HH:MM/);
    const ok = await runCli(
      ['schedule', 'set', '--reminders', '3', '--escalate', 'off', '--quarter', '2016/17-Q1'],
      env,
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/reminder-3 +Monday 11 July 2016, 09:00/);
    expect(ok.stdout).toMatch(/escalation off/);
    expect((await runCli(['schedule', 'set'], env)).stderr).toMatch(/Nothing to change/);
  }, 60_000);

  it('tick opens the quarter on time and reports every owner as unreachable (none installed); status lists them with the fix', async () => {
    const early = await runCli(['tick', '--now', '2016-07-01T07:59:00Z'], env);
    expect(early.stdout).toMatch(/nothing due/);
    const due = await runCli(['tick', '--now', '2016-07-01T09:00:00+01:00'], env);
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/opened 2016-17-Q1/);
    expect(due.stdout).toMatch(/2016-17-Q1 chase: 0 sent, 0 already sent, 18 unreachable/);
    const bad = await runCli(['tick', '--now', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not an ISO-8601 instant/);
    const status = await runCli(['status', '--quarter', '2016/17-Q1'], env);
    expect(status.stdout).toMatch(/0 of 99 items answered/);
    expect(status.stdout).toMatch(
      /area-ops.gravesham@example.org \| 0\/6 \| - \| - \| - \| NO: unreachable: has not installed the app: ask IT to install RAG Chaser for them/,
    );
    expect(status.stdout).toMatch(/Steps: chase [^;]*\(done\); reminder-3/);
  }, 60_000);

  it('purge removes quarters before the one given (a dry run changes nothing)', async () => {
    const dry = await runCli(['purge', '--before', '2016/17-Q2', '--dry-run'], env);
    expect(dry.stdout).toMatch(
      /Would delete 2016\/17 Q1: 0 returns \(\d+ rows with history and cards\), \d+ outbox, 0 digests/,
    );
    expect((await runCli(['status', '--quarter', '2016/17-Q1'], env)).stdout).toMatch(/2016\/17 Q1 \(open\)/);
    const unconfirmed = await runCli(['purge', '--before', '2016/17-Q2'], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/Nothing deleted.*--yes/s);
    const real = await runCli(['purge', '--before', '2016/17-Q2', '--yes'], env);
    expect(real.stdout).toMatch(/Deleted 2016\/17 Q1/);
    expect((await runCli(['status', '--quarter', '2016/17-Q1'], env)).stdout).toMatch(
      /No cycle for 2016\/17-Q1 yet/,
    );
    expect((await runCli(['purge', '--before', '2016/17-Q2', '--yes'], env)).stdout).toMatch(
      /Nothing before 2016\/17 Q2/,
    );
    expect((await runCli(['purge', '--before', 'last year'], env)).code).toBe(2);
  }, 60_000);
});
