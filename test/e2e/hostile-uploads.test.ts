/**
 * The built server (dist/main.js, as production runs it) survives any plan file a manager sends: a
 * workbook of two cells padded to billions, a zip bomb, a CSV of 20,000 header names or 30,000 rows. Each
 * is refused with what to fix, nothing changes, the server's peak memory stays under 400 MB, and it keeps
 * answering others meanwhile. A forged Import button cannot make the server fetch another address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardText } from '../support/adaptive-cards';
import { importSampleWithCli } from '../support/cli';
import { ConnectorStub } from '../support/connector-stub';
import { FileStub } from '../support/file-stub';
import { longCsv, wideCsv, workbookWithCellAt, zipBomb } from '../support/hostile-files';
import { MANAGER, OWNER } from '../support/live-bot';
import { SAMPLE_DIR } from '../support/samples';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { personalConversation, TeamsClient } from '../support/teams-client';

const DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

/** The process's peak resident memory so far (Linux), in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

describe('hostile plan files against the built server', () => {
  const stub = new ConnectorStub();
  const files = new FileStub();
  let server: ServerProcess;
  let teams: TeamsClient;
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: MANAGER.upn,
  };
  let n = 0;
  const attach = (name: string, bytes: Uint8Array) => ({
    contentType: DOWNLOAD,
    name,
    content: {
      downloadUrl: files.serve(`${(n += 1)}-${name}`, Buffer.from(bytes)),
      fileType: name.split('.').pop(),
    },
  });
  async function reply(who: typeof MANAGER, send: () => Promise<unknown>): Promise<string> {
    const chat = personalConversation(who);
    const before = stub.cards(chat).length;
    await send();
    await stub.waitFor(() => stub.cards(chat).length > before, 60_000);
    return cardText(stub.cards(chat).at(-1));
  }

  beforeAll(async () => {
    await stub.start();
    await files.start();
    for (const u of [MANAGER, OWNER]) stub.addUser(u);
    expect((await importSampleWithCli(env)).code).toBe(0);
    server = await startServerProcess(env);
    teams = new TeamsClient(server.url, stub.url);
    for (const u of [MANAGER, OWNER]) await teams.install(u);
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
    await files.stop();
  });

  it('refuses every hostile file with what to fix, answers others meanwhile, and stays under 400 MB', async () => {
    const hostile: [string, Uint8Array, RegExp][] = [
      ['plan.xlsx', workbookWithCellAt('XFD1048576'), /Too large to be a plan: a sheet reaches column 16384/],
      ['plan.xlsx', workbookWithCellAt('A1000000'), /reaches row 1000000/],
      ['plan.xlsx', zipBomb(80), /unpacks to more than 64 MB/],
      ['activities.csv', wideCsv(20_000), /the header has 20000 columns/],
      ['activities.csv', longCsv(30_000), /more than 20000 rows/],
    ];
    for (const [name, bytes, expected] of hostile) {
      const refused = reply(MANAGER, () => teams.sayWithFiles(MANAGER, '', [attach(name, bytes)]));
      // While the file is read, another person is answered.
      expect(await reply(OWNER, () => teams.say(OWNER, 'help'))).toMatch(/RAG Chaser/);
      expect(await refused).toMatch(expected);
    }
    expect(server.child.exitCode).toBeNull();
    expect(peakRssMb(server.child.pid!)).toBeLessThan(400);
  }, 120_000);

  it('a forged Import button cannot aim the server at another address', async () => {
    const preview = await reply(MANAGER, () =>
      teams.sayWithFiles(MANAGER, '', [attach('plan.xlsx', readFileSync(join(SAMPLE_DIR, 'plan.xlsx')))]),
    );
    expect(preview).toMatch(/Plan preview/);
    const card = stub.cards(personalConversation(MANAGER)).at(-1)!;
    const data = (card.actions as { title: string; data: Record<string, unknown> }[]).find(
      (a) => a.title === 'Import',
    )!.data;
    expect(JSON.stringify(data)).not.toMatch(/http/);
    const forged = files.serve('internal-secret', Buffer.from('activity_id\n'));
    const fetchedBefore = files.requests.length;
    const answer = await reply(MANAGER, () =>
      teams.submit(MANAGER, { ...data, files: [{ name: 'plan.xlsx', url: forged, sha256: '0'.repeat(64) }] }),
    );
    expect(answer).toMatch(/Plan imported|Nothing to import/);
    const fetched = files.requests.slice(fetchedBefore);
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).not.toMatch(/internal-secret/);
  }, 60_000);
});
