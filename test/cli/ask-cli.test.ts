/** `rag-chaser ask` as a child process: the query written out and the items; a question it cannot read exits 2. */
import { importSampleWithCli, runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

describe('rag-chaser ask', () => {
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    LOG_LEVEL: 'silent',
  };
  beforeAll(async () => {
    await importSampleWithCli(env);
    await runCli(['cycle', 'open', '--quarter', '2016/17-Q1'], env);
  }, 60_000);

  it('answers from the stored returns, as text and as JSON', async () => {
    const text = await runCli(['ask', 'who', "hasn't", 'returned', 'in', 'Archives?'], env);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Items not returned, function Archives, 2016\/17 Q1: 7$/);
    expect(lines.slice(1)).toHaveLength(7);
    expect(lines[1]).toMatch(/^Not returned +LRA-\S+ /);
    const json = await runCli(['ask', 'how many reds?', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({ title: 'Red items, 2016/17 Q1: 0', items: [] });
  }, 60_000);

  it('a question it cannot read says so, with examples, and exits 2', async () => {
    const result = await runCli(['ask', 'why is Dover red?'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /I can't answer that yet[\s\S]*"why"[\s\S]*Try, for example: "which reds are in Dover\?"/,
    );
  }, 60_000);
});
