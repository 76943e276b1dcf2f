import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemKey, StoredReturn } from '../../src/domain/returns';
import { csvReport, renderReport } from '../../src/report/report';
import { csvCell, html } from '../../src/shared/escape';
import { sampleDigest, samplePlan } from '../support/samples';
import { hasChromium, launchChromium } from '../support/browser';

const plan = samplePlan('LRA Service Plan 2016/17');
const r = (item: string, f: Partial<StoredReturn>): [ItemKey, StoredReturn] => [
  item as ItemKey,
  {
    item: item as ItemKey,
    submittedBy: 'x@example.org',
    submittedAt: '2016-07-05T10:00:00Z',
    late: false,
    version: 1,
    ...f,
  },
];
const returns = new Map<ItemKey, StoredReturn>([
  r('a:LRA-1.1.01', {
    rag: 'red',
    commentary: '<script>alert("x")</script> & **bold**',
    evidence: '"Brilliant" said a parent',
  }),
  r('a:LRA-1.1.02', { rag: 'amber', commentary: '=HYPERLINK("http://evil.example","click")' }),
  r('a:LRA-1.1.03', { rag: 'green', commentary: '+1 more volunteer; -2 sessions; @home visits' }),
  r('m:LRA06', { value: 93, note: 'Survey of 212' }),
]);
const digest = sampleDigest(plan, returns);

describe('committee report', () => {
  it('HTML escapes all user text and states RAG in words with symbols', () => {
    const page = renderReport(digest, 'html', 'Europe/London');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; **bold**');
    expect(page).toMatch(/✖ Red<\/span>/);
    expect(page).toMatch(/<caption>KPIs against floor and target<\/caption>/);
    expect(page).toMatch(/<html lang="en-GB">/);
    expect(page).toMatch(/Highlights: evidence of outcome[\s\S]*&quot;Brilliant&quot; said a parent/);
  });

  it('CSV has one row per activity and KPI and neutralises formula prefixes', () => {
    const lines = csvReport(digest).trim().split('\r\n');
    expect(lines).toHaveLength(1 + plan.activities.length + plan.measures.length);
    expect(lines.join('\n')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines.join('\n')).toContain(`"'+1 more volunteer; -2 sessions; @home visits"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell(-5)).toBe('"-5"');
    expect(html(`<a href="x">'`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;');
  });

  it('Markdown escapes people\u2019s text; JSON is the digest model', () => {
    expect(renderReport(digest, 'md', 'Europe/London')).toContain(
      '\\<script\\>alert\\("x"\\)\\</script\\> & \\*\\*bold\\*\\*',
    );
    expect(JSON.parse(renderReport(digest, 'json', 'Europe/London'))).toMatchObject({
      quarter: '2016/17 Q1',
      counts: { red: 1, amber: 1, green: 1 },
    });
  });

  (hasChromium ? it : it.skip)(
    'the HTML report opens in Chromium; a screenshot is saved to look at',
    async () => {
      const dir = join(__dirname, '..', 'artifacts');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'report.html');
      writeFileSync(file, renderReport(digest, 'html', 'Europe/London'));
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
        await page.goto(`file://${file}`);
        expect(await page.title()).toBe('LRA Service Plan 2016/17: 2016/17 Q1');
        expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(7);
        expect(await page.locator('table caption').first().innerText()).toBe('Activities this quarter');
        expect(
          await page.evaluate(() => (globalThis as unknown as { alerted?: boolean }).alerted),
        ).toBeUndefined();
        await page.screenshot({ path: join(dir, 'report.png') });
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
