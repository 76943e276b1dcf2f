/**
 * A person in a browser: the Agents Playground page (as a Teams client), the chase card filled and
 * submitted, and screenshots saved under test/artifacts/ to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startDev, type DevProcess } from '../support/dev-process';
import { hasChromium, launchChromium } from '../support/browser';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const describeWithChromium = hasChromium ? describe : describe.skip;
if (!hasChromium)
  console.warn(
    'SKIPPED browser test: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run does).',
  );

describeWithChromium('the chase card in a browser (Agents Playground + Chromium)', () => {
  let dev: DevProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dev = await startDev();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await dev.stop();
  });

  it('opens the quarter from chat, answers the first item on the card, and shows the receipt', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(dev.playgroundUrl, { waitUntil: 'networkidle' });
    await page
      .locator('.ac-adaptiveCard', { hasText: 'Welcome to RAG Chaser' })
      .first()
      .waitFor({ timeout: 20_000 });
    const box = page.locator('[contenteditable="true"][role="textbox"]');
    await box.click();
    await box.fill('open 2016/17 Q1');
    await page.locator('button[aria-label="Send Message"]').click();
    // Two services in the trial: the bot asks which; the button sends the command again, naming it.
    const picker = page.locator('.ac-adaptiveCard', { hasText: 'Which service?' }).last();
    await picker.waitFor({ timeout: 20_000 });
    await picker.scrollIntoViewIfNeeded();
    await picker.screenshot({ path: join(ARTIFACTS, 'service-picker.png') });
    await picker.getByRole('button', { name: 'Libraries, Registration and Archives' }).click();
    const LRA = 'Libraries, Registration and Archives, 2016/17 Q1';
    // The "Opened" summary follows the chase card; wait for it so the chat list stops re-rendering.
    await page
      .locator('.ac-adaptiveCard', { hasText: `Opened ${LRA}` })
      .last()
      .waitFor({ timeout: 30_000 });
    const card = page.locator('.ac-adaptiveCard', { hasText: `Quarterly return: ${LRA}` }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(ARTIFACTS, 'chase-card.png') });

    await card.getByRole('button', { name: 'Answer' }).first().click();
    await card.getByText('▲ Amber: at risk, being managed').click();
    await card
      .locator('textarea')
      .first()
      .fill('Two sessions cancelled: volunteers off sick. Rescheduled for August.');
    await card.locator('textarea').nth(1).fill('"My son has not stopped talking about the robots" (parent)');
    await card.getByRole('button', { name: 'Submit' }).first().click();

    const receipt = page
      .locator('.ac-adaptiveCard', { hasText: '▲ Amber (some risk or delay, being managed)' })
      .last();
    await receipt.waitFor({ timeout: 20_000 });
    await receipt.scrollIntoViewIfNeeded();
    await receipt.screenshot({ path: join(ARTIFACTS, 'chase-card-receipt.png') });
    const text = await receipt.innerText();
    expect(text).toMatch(/Rescheduled for August/);
    expect(text).toMatch(/My son has not stopped talking about the robots/);
    expect(text).toMatch(/Amend/);
    expect(text).toMatch(/5 of 6 still to answer/);
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
  }, 90_000);
});
