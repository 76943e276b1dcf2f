/**
 * The committee report in chat, over HTTP: `report 2016/17 Q1` offers HTML, CSV and Excel files through
 * Teams' file consent flow; accepting uploads the bytes to the upload URL Teams gave (a stand-in on
 * 127.0.0.1) and posts the file card; declining is answered politely and nothing is uploaded.
 */
import readXlsxFile from 'read-excel-file/node';
import { FileStub } from '../support/file-stub';
import { KPI_OWNER, MANAGER, OWNER, startLiveBot, type LiveBot } from '../support/live-bot';
import { cardText } from '../support/adaptive-cards';
import { personalConversation } from '../support/teams-client';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
type Offer = { name: string; content: { sizeInBytes: number; acceptContext: Record<string, unknown> } };

describe('the committee report as files in chat', () => {
  let bot: LiveBot;
  const files = new FileStub();
  const chat = personalConversation(MANAGER);
  const attachments = () => bot.stub.to(chat).flatMap((r) => r.activity.attachments ?? []);
  const offers = () => attachments().filter((a) => a.contentType === CONSENT) as unknown as Offer[];

  beforeAll(async () => {
    bot = await startLiveBot();
    await files.start();
    await bot.teams.install(MANAGER);
    await bot.teams.install(OWNER);
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await files.stop();
  });

  const answer = (offer: Offer, action: 'accept' | 'decline') =>
    bot.teams.invoke(MANAGER, 'fileConsent/invoke', {
      type: 'fileUpload',
      action,
      context: offer.content.acceptContext,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              name: offer.name,
              uploadUrl: files.uploadUrl(offer.name),
              contentUrl: `https://contoso-my.sharepoint.com/personal/x/Documents/Applications/RAG%20Chaser/${encodeURIComponent(offer.name)}`,
              uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
              fileType: offer.name.split('.').pop(),
            },
          }
        : {}),
    });

  it('offers an HTML, a CSV and an Excel file, each with its size', async () => {
    await bot.teams.say(MANAGER, 'report 2016/17 Q1');
    await bot.stub.waitFor(() => offers().length === 3);
    expect(offers().map((o) => o.name)).toEqual([
      expect.stringMatching(/2016-17 Q1 committee report\.html$|2016\/17 Q1 committee report\.html$/),
      expect.stringMatching(/committee report\.csv$/),
      expect.stringMatching(/committee report\.xlsx$/),
    ]);
    for (const o of offers()) expect(o.content.sizeInBytes).toBeGreaterThan(500);
  });

  it('accepting uploads the file in one range and posts the file card; the CSV starts with a byte-order mark', async () => {
    const [html, csv] = offers();
    // The invoke is answered first (Teams waits only a few seconds); the upload follows.
    files.uploadDelayMs = 1500;
    expect((await answer(html!, 'accept')).status).toBe(200);
    expect(files.uploads).toHaveLength(0);
    files.uploadDelayMs = 0;
    await bot.stub.waitFor(() => files.uploads.length === 1);
    expect((await answer(csv!, 'accept')).status).toBe(200);
    await bot.stub.waitFor(() => files.uploads.length === 2);
    expect(files.uploads.map((u) => u.name)).toEqual([html!.name, csv!.name]);
    const [page, sheet] = files.uploads;
    expect(page!.bytes.toString('utf8')).toMatch(/^<!doctype html>/i);
    expect(page!.bytes.length).toBe(html!.content.sizeInBytes);
    expect(page!.contentRange).toBe(`bytes 0-${page!.bytes.length - 1}/${page!.bytes.length}`);
    expect([...sheet!.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await bot.stub.waitFor(() => attachments().filter((a) => a.contentType === FILE_INFO).length === 2);
    const info = attachments().find((a) => a.contentType === FILE_INFO) as unknown as {
      name: string;
      contentUrl: string;
      content: { uniqueId: string; fileType: string };
    };
    expect(info).toMatchObject({ name: html!.name, content: { fileType: 'html' } });
    expect(info.contentUrl).toMatch(/^https:\/\/contoso-my\.sharepoint\.com\//);
    // The Excel pack: a workbook Excel opens, a sheet per outcome and one for KPIs.
    const xlsx = offers()[2]!;
    expect((await answer(xlsx, 'accept')).status).toBe(200);
    await bot.stub.waitFor(() => files.uploads.length === 3);
    const book = files.uploads[2]!.bytes;
    expect(book.length).toBe(xlsx.content.sizeInBytes);
    const sheets = (await readXlsxFile(book)).map((sheet) => sheet.sheet);
    expect(sheets).toContain('KPIs');
    expect(sheets.filter((n) => /^Outcome \d+$/.test(n)).length).toBeGreaterThan(1);
  });

  it('declining is answered politely and uploads nothing; a failed upload says to try again', async () => {
    const before = files.uploads.length;
    await answer(offers()[0]!, 'decline');
    await bot.stub.waitFor(() => /You declined/.test(cardText(bot.stub.cards(chat).at(-1))));
    expect(cardText(bot.stub.cards(chat).at(-1))).toMatch(/nothing was uploaded/);
    files.uploadStatus = 500;
    await answer(offers()[1]!, 'accept');
    await bot.stub.waitFor(() => /could not be uploaded/.test(cardText(bot.stub.cards(chat).at(-1))));
    files.uploadStatus = undefined;
    expect(files.uploads.length).toBe(before);
  });

  it('an upload URL that redirects (another port, another host) is not followed', async () => {
    const other = new FileStub();
    await other.start();
    try {
      files.uploadRedirect = other.uploadUrl('stolen.html');
      await answer(offers()[0]!, 'accept');
      await bot.stub.waitFor(() => /could not be uploaded/.test(cardText(bot.stub.cards(chat).at(-1))));
      expect(other.uploads).toHaveLength(0);
    } finally {
      files.uploadRedirect = undefined;
      await other.stop();
    }
  });

  it('owners are told who can; a quarter never opened is explained', async () => {
    await bot.teams.say(KPI_OWNER, 'report 2016/17 Q1');
    const owner = personalConversation(KPI_OWNER);
    await bot.stub.waitFor(() => bot.stub.cards(owner).length > 0);
    expect(cardText(bot.stub.cards(owner).at(-1))).toMatch(/Only service managers/);
    await bot.teams.say(MANAGER, 'report 2015/16 Q2');
    await bot.stub.waitFor(() => /was never opened/.test(cardText(bot.stub.cards(chat).at(-1))));
  });

  it('asked in a channel (or pressed on the published digest), the files are offered in the 1:1 chat', async () => {
    const before = offers().length;
    await bot.teams.inChannel(MANAGER, 'report 2016/17 Q1');
    await bot.stub.waitFor(() => offers().length === before + 3);
    const channel = bot.stub.cards('19:smt-channel@thread.tacv2');
    await bot.stub.waitFor(() => bot.stub.cards('19:smt-channel@thread.tacv2').length > channel.length - 1);
    expect(cardText(bot.stub.cards('19:smt-channel@thread.tacv2').at(-1))).toMatch(
      /waiting for you in your 1:1 chat/,
    );
  });

  it('the year-end and mid-year reports are offered as files too, and uploaded on accept', async () => {
    const before = offers().length;
    await bot.teams.say(MANAGER, 'report 2016/17');
    await bot.stub.waitFor(() => offers().length === before + 3);
    const year = offers().slice(before);
    expect(year.map((o) => o.name)).toEqual([
      expect.stringMatching(/2016-17 year end committee report\.html$/),
      expect.stringMatching(/2016-17 year end committee report\.csv$/),
      expect.stringMatching(/2016-17 year end committee report\.xlsx$/),
    ]);
    const uploaded = files.uploads.length;
    await answer(year[0]!, 'accept');
    await bot.stub.waitFor(() => files.uploads.length === uploaded + 1);
    expect(files.uploads.at(-1)!.bytes.toString('utf8')).toMatch(/2016\/17, year end[\s\S]*2016\/17 Q1/);
    await bot.teams.say(MANAGER, 'report 2016/17 half');
    await bot.stub.waitFor(() => offers().length === before + 6);
    expect(offers().at(-1)!.name).toMatch(/2016-17 mid-year committee report\.xlsx$/);
    await bot.teams.say(MANAGER, 'report 2019/20');
    await bot.stub.waitFor(() =>
      /No quarter of 2019\/20 was opened/.test(cardText(bot.stub.cards(chat).at(-1))),
    );
  });
});
