/**
 * Storage outage: Table Storage (a persisting Azurite of this test's own) goes away for about 30 s while
 * owners keep submitting, then comes back. Every submit that got a receipt is stored; every other got
 * "could not save, please try again"; the scheduler's tick fails during the outage and afterwards sends
 * each reminder once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tick } from '../../src/app/cycle/tick';
import { startEmbeddedTables, type EmbeddedTables } from '../../src/store/embedded-azurite';
import { cardText } from '../support/adaptive-cards';
import { freePort } from '../support/cli';
import { invokeCard, KPI_OWNER, OWNER, startLiveBot, type LiveBot } from '../support/live-bot';
import { personalConversation } from '../support/teams-client';

const OUTAGE_MS = 30_000;
const CYCLE = '2016-17-Q1';
const ITEMS = [
  'a:LRA-1.1.01',
  'a:LRA-1.1.02',
  'a:LRA-1.4.07',
  'a:LRA-1.5.03',
  'a:LRA-1.5.04',
  'a:LRA-3.2.02',
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let port: number;
let azurite: EmbeddedTables;
let bot: LiveBot;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rag-chaser-outage-'));
  port = await freePort();
  azurite = await startEmbeddedTables({ port, location: dir });
  bot = await startLiveBot({ TABLES_CONNECTION_STRING: azurite.connectionString });
  for (const u of [OWNER, KPI_OWNER]) await bot.teams.install(u);
}, 60_000);

afterAll(async () => {
  await bot.stop();
  await azurite.close();
  rmSync(dir, { recursive: true, force: true });
});

it('receipts mean stored, refusals say try again, and the scheduler resumes without duplicates', async () => {
  const services = bot.server.services;
  const cycle = await services.cycles.get(CYCLE);
  const reminderAt = cycle?.steps.find((s) => s.kind === 'reminder')?.at;
  expect(reminderAt).toBeDefined();
  const lease = { leases: services.leases };

  await azurite.close();
  const outageEnds = Date.now() + OUTAGE_MS;
  const submit = async (item: string, i: number) => {
    await sleep(i * (OUTAGE_MS / ITEMS.length));
    const commentary = `outage test answer ${i}`;
    const res = await bot.teams.execute(OWNER, 'submitReturn', {
      cycle: CYCLE,
      item,
      n: '1',
      items: item,
      rag_1: 'green',
      commentary_1: commentary,
    });
    return { item, commentary, status: res.status, text: cardText(invokeCard(res.body)) };
  };
  const answers = Promise.all(ITEMS.map(submit));
  await expect(tick(services, reminderAt!, lease)).rejects.toThrow();

  await sleep(Math.max(0, outageEnds - Date.now()));
  azurite = await startEmbeddedTables({ port, location: dir });
  const results = await answers;

  let receipts = 0;
  for (const r of results) {
    expect(r.status).toBe(200);
    const stored = await services.returns.get(CYCLE, r.item as `a:${string}`);
    if (/Could not save/.test(r.text)) {
      expect(r.text).toMatch(/try again/);
      expect(stored?.value.commentary).not.toBe(r.commentary);
    } else {
      receipts += 1;
      expect(r.text).toMatch(/Answered/);
      expect(stored?.value.commentary).toBe(r.commentary);
    }
  }
  // Most submits fell inside the outage; the last one lands as storage comes back.
  expect(receipts).toBeLessThan(ITEMS.length);

  const conversations = [OWNER, KPI_OWNER].map(personalConversation);
  const count = () => conversations.map((c) => bot.stub.to(c).length);
  const before = count();
  const first = await tick(services, reminderAt!, lease);
  expect(first.busy).toBe(false);
  const afterFirst = count();
  await tick(services, reminderAt!, lease);
  expect(count()).toEqual(afterFirst);
  // KPI_OWNER owes everything and is reminded; nothing went out twice.
  expect(afterFirst[1]).toBeGreaterThan(before[1] ?? 0);
}, 120_000);
