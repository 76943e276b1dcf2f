/**
 * A plan sent as files in chat, over HTTP: Teams' file.download.info attachments whose download URLs a
 * stand-in on 127.0.0.1 serves. Preview (parsed by the official renderer), Import of exactly the previewed
 * files, stale previews refused, bad files answered, and nothing changed by any of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCard, cardText } from '../support/adaptive-cards';
import { FileStub } from '../support/file-stub';
import { KPI_OWNER, MANAGER, startLiveBot, type LiveBot } from '../support/live-bot';
import { SAMPLE_DIR } from '../support/samples';
import { personalConversation } from '../support/teams-client';

const DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';
type Card = Record<string, unknown>;

describe('plan upload in chat', () => {
  let bot: LiveBot;
  const files = new FileStub();
  const chat = personalConversation(MANAGER);
  const sample = (name: string) => readFileSync(join(SAMPLE_DIR, name));
  const activities = sample('activities.csv').toString('utf8');
  // One activity's text changed, one added for an owner new to the plan.
  const edited = Buffer.from(
    activities.replace('MakerSpace Day', 'MakerSpace Week') +
      'LRA-9.9.01,"Outcome 4: KCC complies with all legislation relating to Libraries, Registration Services and Archives",4.1 Statutory duties,Archives,Catalogue the new deposit,Statutory,Kent-wide,,archives.new@example.org,,\n',
  );
  let n = 0;
  const attach = (name: string, bytes: Buffer, options: { status?: number; delayMs?: number } = {}) => ({
    contentType: DOWNLOAD,
    name,
    content: {
      downloadUrl: files.serve(`${(n += 1)}-${name}`, bytes, options),
      uniqueId: `id-${n}`,
      fileType: name.split('.').pop(),
    },
  });
  async function send(who: typeof MANAGER, text: string, attachments: object[]): Promise<Card> {
    const conversation = personalConversation(who);
    const before = bot.stub.cards(conversation).length;
    expect((await bot.teams.sayWithFiles(who, text, attachments)).status).toBe(200);
    await bot.stub.waitFor(() => bot.stub.cards(conversation).length > before);
    return bot.stub.cards(conversation).at(-1)!;
  }
  const importData = (card: Card) =>
    (card.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Import')
      ?.data ?? {};
  async function press(data: Record<string, unknown>): Promise<string> {
    const before = bot.stub.cards(chat).length;
    await bot.teams.submit(MANAGER, data);
    await bot.stub.waitFor(() => bot.stub.cards(chat).length > before);
    return cardText(bot.stub.cards(chat).at(-1));
  }
  const planText = async () => JSON.stringify(await bot.server.services.plans.load());

  beforeAll(async () => {
    bot = await startLiveBot({ FILE_DOWNLOAD_TIMEOUT_MS: '1000' });
    await files.start();
    for (const u of [MANAGER, KPI_OWNER]) await bot.teams.install(u);
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await files.stop();
  });

  it('previews what the files would change; Import applies them', async () => {
    const before = await planText();
    const card = await send(MANAGER, '', [
      attach('activities.csv', edited),
      attach('kpis.csv', sample('kpis.csv')),
    ]);
    expect(checkCard(card).errors).toEqual([]);
    const text = cardText(card);
    expect(text).toMatch(/Plan preview/);
    expect(text).toMatch(/1 to add, 1 to change, 0 to retire/);
    expect(text).toMatch(/Added[\s\S]*LRA-9\.9\.01: Catalogue the new deposit/);
    expect(text).toMatch(/Changed[\s\S]*LRA-1\.1\.01: MakerSpace Week/);
    expect(text).toMatch(/Outcome 1: 27[\s\S]*KPIs and indicators: 13/);
    expect(text).toMatch(/archives\.new@example\.org: not reachable yet/);
    expect(await planText()).toBe(before); // a preview changes nothing
    expect(await press(importData(card))).toMatch(/Plan imported[\s\S]*1 added, 1 changed, 0 retired/);
    const plan = await bot.server.services.plans.load();
    expect(plan?.activities.find((a) => a.id === 'LRA-9.9.01')?.owner).toBe('archives.new@example.org');
    // Pressed again: the preview was used.
    expect(await press(importData(card))).toMatch(/stale[\s\S]*send the plan file again/);
  });

  it('one workbook with an activities sheet and a KPIs sheet is a plan too', async () => {
    const card = await send(MANAGER, '', [attach('plan.xlsx', sample('plan.xlsx'))]);
    expect(cardText(card)).toMatch(
      /Plan preview[\s\S]*From plan\.xlsx[\s\S]*0 to add, 1 to change, 1 to retire/,
    );
  });

  it('a second preview makes the first stale; a file changed since its preview is refused', async () => {
    const first = await send(MANAGER, '', [attach('activities.csv', Buffer.from(activities))]);
    const second = await send(MANAGER, '', [attach('activities.csv', Buffer.from(activities))]);
    const before = await planText();
    expect(await press(importData(first))).toMatch(/newer plan file was sent after this preview/);
    expect(await planText()).toBe(before);
    // The file behind the second preview's link changes before Import.
    const data = importData(second);
    // The second preview's file is the last one served (attach numbers them in order).
    files.serve(`${n}-activities.csv`, edited);
    expect(await press(data)).toMatch(/file changed since it was previewed/);
    expect(await planText()).toBe(before);
  });

  it('what is not a plan gets a clear answer and changes nothing', async () => {
    const before = await planText();
    expect(cardText(await send(MANAGER, '', [attach('photo.png', Buffer.from('png'))]))).toMatch(
      /photo\.png is not a plan file[\s\S]*\.xlsx/,
    );
    expect(cardText(await send(MANAGER, '', [attach('notes.docx', Buffer.from('docx'))]))).toMatch(
      /notes\.docx is not a plan file/,
    );
    const wrong = await send(MANAGER, '', [attach('activities.csv', Buffer.from('name,email\nx,y\n'))]);
    expect(checkCard(wrong).errors).toEqual([]);
    expect(cardText(wrong)).toMatch(
      /Plan not loaded[\s\S]*activities\.csv, row 1: The header row is not a plan's/,
    );
    const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
    expect(cardText(await send(MANAGER, '', [attach('huge.xlsx', big)]))).toMatch(/over 20 MB/);
    expect(cardText(await send(MANAGER, '', [attach('activities.csv', edited, { status: 500 })]))).toMatch(
      /could not be fetched from Teams\. Send activities\.csv again/,
    );
    expect(cardText(await send(MANAGER, '', [attach('activities.csv', edited, { delayMs: 3000 })]))).toMatch(
      /could not be fetched from Teams in time[\s\S]*again/,
    );
    const bad = Buffer.from(activities.replace('area-ops.gravesham@example.org', 'not an address'));
    expect(cardText(await send(MANAGER, '', [attach('activities.csv', bad)]))).toMatch(
      /row \d+, column owner/,
    );
    expect(await planText()).toBe(before);
  });

  it('an owner who is not a manager is told who can', async () => {
    const reply = await send(KPI_OWNER, '', [attach('activities.csv', edited)]);
    expect(cardText(reply)).toMatch(
      /Only service managers can load a plan[\s\S]*service-manager@example\.org/,
    );
  });
});
