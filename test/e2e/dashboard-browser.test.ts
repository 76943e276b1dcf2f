/**
 * The dashboard tab in Chromium, as people use it: desktop and phone width in the default, dark and high
 * contrast themes with axe-core reporting no violation; keyboard only, every count and every item is
 * reached by Tab and opens with Enter. Data: the trial's two quarters of sample returns.
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { importPlan } from '../../src/app/plan/import-plan';
import { loadConfig } from '../../src/config';
import { addSampleReturns } from '../../src/dev/sample-returns';
import { readImportFile } from '../../src/files/read-table';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { hasChromium, launchChromium } from '../support/browser';
import { assertFreshBuild } from '../support/fresh-build';
import { sampleFile } from '../support/samples';
import { testConnectionString, uniquePrefix } from '../support/tables';

const MANAGER = 'service-manager@example.org';
const describeWithChromium = hasChromium ? describe : describe.skip;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  assertFreshBuild(); // the page's script is the bundle in dist/tabs
  server = await startServer(
    loadConfig({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      SERVICE_MANAGERS: MANAGER,
      SCHEDULER_ENABLED: 'false',
      PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent'),
  );
  await importPlan(server.services.plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: '2016-06-01T00:00:00Z',
  });
  await addSampleReturns(server.services, server.services.leases);
  if (hasChromium) browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  if (hasChromium) await browser.close();
  await server.stop();
});

async function open(width: number, height: number, theme: string): Promise<Page> {
  // bypassCSP: only so that axe-core can be injected; the page's own policy is tested over HTTP.
  const page = await browser.newPage({ viewport: { width, height }, bypassCSP: true });
  await page.goto(`${server.url}/tabs/dashboard?user=${encodeURIComponent(MANAGER)}&theme=${theme}`);
  await page.waitForSelector('#items-table tbody tr');
  return page;
}

const focusedLabel = (page: Page) =>
  page.evaluate<string>(
    "(document.activeElement && document.activeElement.getAttribute('aria-label')) || ''",
  );

describeWithChromium('the dashboard tab in Chromium', () => {
  it.each([
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ])(
    'at %s width, in every theme: the figures, no page-wide scroll, and no axe-core violation',
    async (_w, width, height) => {
      for (const theme of ['default', 'dark', 'contrast']) {
        const page = await open(width, height, theme);
        expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
        const text = await page.textContent('#counts-table');
        expect(text).toMatch(/2015\/16 Q2[\s\S]*2015\/16 Q3/);
        // Only tables scroll sideways, inside their own box.
        expect(
          await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
        ).toBe(true);
        await page.addScriptTag({ content: axe.source });
        const result = await page.evaluate<{ violations: { id: string; nodes: unknown[] }[] }>('axe.run()');
        expect([theme, result.violations.map((v) => `${v.id}: ${v.nodes.length}`)]).toEqual([theme, []]);
        await page.close();
      }
    },
  );

  it('keyboard only: Tab reaches every count and item; Enter opens a count’s items, then an item’s history', async () => {
    const page = await open(1280, 900, 'default');
    const reached = new Set<string>();
    const wanted = await page.evaluate<string[]>(
      "[...document.querySelectorAll('#counts-table button, #items-table button')].map((b) => b.getAttribute('aria-label'))",
    );
    expect(wanted.length).toBeGreaterThan(10);
    for (let i = 0; i < 400 && reached.size < wanted.length; i += 1) {
      await page.keyboard.press('Tab');
      const label = await focusedLabel(page);
      if (wanted.includes(label)) reached.add(label);
    }
    expect([...reached].sort()).toEqual([...wanted].sort());
    // Back to the top; Tab to Q2's red count; Enter.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    let label = '';
    for (let i = 0; i < 100 && !/red in 2015\/16 Q3/.test(label); i += 1) {
      await page.keyboard.press('Tab');
      label = await focusedLabel(page);
    }
    const count = Number(/^(\d+)/.exec(label)?.[1]);
    await page.keyboard.press('Enter');
    await page.waitForFunction("/red/.test(document.getElementById('items-caption').textContent)");
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('h-items');
    expect(await page.textContent('#items-caption')).toMatch(
      new RegExp(`^${count} item\\(s\\) in 2015/16 Q3: red`),
    );
    expect(await page.$$eval('#items-table tbody tr', (rows) => rows.length)).toBe(Math.min(count, 50));
    for (let i = 0; i < 20 && !/show its history/.test(label); i += 1) {
      await page.keyboard.press('Tab');
      label = await focusedLabel(page);
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('#history:not([hidden]) tbody tr');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('h-history');
    expect(await page.textContent('#history-table')).toMatch(/2015\/16 Q2[\s\S]*2015\/16 Q3[\s\S]*✖ Red/);
    await page.close();
  });
});
