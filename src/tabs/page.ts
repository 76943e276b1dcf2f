/**
 * GET /tabs/dashboard: the tab's page, and GET /tabs/dashboard.js its script (web/, bundled by esbuild at
 * build time into dist/tabs). Teams' look: Fluent 2 colour tokens for the default, dark and high-contrast
 * themes, Segoe UI, 4 px spacing steps; one column at phone width. No third-party origin is loaded.
 */
import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The bundle, from src/tabs or dist/tabs alike. */
export const TAB_SCRIPT = resolve(__dirname, '../../dist/tabs/dashboard.js');

const STYLE = `
:root{--bg:#fff;--bg2:#f5f5f5;--bg3:#ebebeb;--fg:#242424;--fg2:#424242;--fg3:#616161;--line:#d1d1d1;--brand:#5b5fc7;--brand-fg:#fff;--focus:#000;
--green:#0e700e;--green-bg:#f1faf1;--amber:#835b00;--amber-bg:#fff9f5;--red:#b10e1c;--red-bg:#fdf3f4;--none:#616161;--none-bg:#fafafa}
[data-theme=dark]{--bg:#1f1f1f;--bg2:#292929;--bg3:#333;--fg:#fff;--fg2:#d6d6d6;--fg3:#adadad;--line:#666;--brand:#7f85f5;--brand-fg:#000;--focus:#fff;
--green:#54b054;--green-bg:#052505;--amber:#f9b44d;--amber-bg:#4a1e04;--red:#f1707b;--red-bg:#3b0509;--none:#adadad;--none-bg:#292929}
[data-theme=contrast]{--bg:#000;--bg2:#000;--bg3:#000;--fg:#fff;--fg2:#fff;--fg3:#fff;--line:#fff;--brand:#ffff00;--brand-fg:#000;--focus:#1aebff;
--green:#3ff23f;--green-bg:#000;--amber:#ffff00;--amber-bg:#000;--red:#ff6c6c;--red-bg:#000;--none:#fff;--none-bg:#000}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/20px "Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:20px;line-height:28px;font-weight:600;margin:0 0 4px}
h2{font-size:16px;line-height:22px;font-weight:600;margin:24px 0 8px}
p{margin:4px 0}
.muted{color:var(--fg3)}
.bar{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:12px 0}
label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:var(--fg2)}
select{max-width:260px}
select,input,button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:4px;min-height:32px;padding:4px 8px}
input[type=search]{min-width:240px}
button{cursor:pointer;background:var(--bg2)}
button.primary{background:var(--brand);color:var(--brand-fg);border-color:var(--brand);font-weight:600}
button.link{background:none;border:none;color:inherit;text-decoration:underline;padding:2px 4px;min-height:24px}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.card{background:var(--bg2);border:1px solid var(--line);border-radius:8px;padding:12px;margin:8px 0}
.chart{position:relative;height:240px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg3);position:sticky;top:0}
.rag{display:inline-block;padding:0 6px;border-radius:4px;border:1px solid currentColor;white-space:nowrap}
.rag-green{color:var(--green);background:var(--green-bg)}.rag-amber{color:var(--amber);background:var(--amber-bg)}
.rag-red{color:var(--red);background:var(--red-bg)}.rag-none{color:var(--none);background:var(--none-bg)}
.notice{border-left:4px solid var(--brand);padding:8px 12px;background:var(--bg2);margin:8px 0}
.error{border-left-color:var(--red)}
[hidden]{display:none!important}
details.filters{flex:1 1 100%}summary{cursor:pointer;min-height:32px;padding:6px 0;color:var(--fg2)}
@media (max-width:640px){main{padding:8px}select{max-width:none;width:100%}.bar>*{flex:1 1 100%}input[type=search]{min-width:0;width:100%}.chart{height:200px}th,td{padding:4px}}
@media (forced-colors:active){.rag{forced-color-adjust:none}}
`;

export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en-GB" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Performance dashboard - RAG Chaser</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main id="main">
<h1 id="title">Performance dashboard</h1>
<p id="subtitle" class="muted">Loading…</p>
<div id="status" role="status" aria-live="polite" class="notice" hidden></div>
<form id="controls" class="bar" aria-label="What to show">
<label>Service<select id="service" name="service"></select></label>
<label>From<select id="from" name="from"></select></label>
<label>To<select id="to" name="to"></select></label>
<details class="filters"><summary>Filters</summary><div class="bar">
<label>Rating<select id="rating" name="rating"><option value="">Any</option><option value="red">✖ Red</option><option value="amber">▲ Amber</option><option value="green">✔ Green</option></select></label>
<label>Outcome<select id="outcome" name="outcome"><option value="">Any</option></select></label>
<label>Supporting outcome<input id="so" name="so" inputmode="decimal" pattern="\\d+\\.\\d+" size="6" placeholder="e.g. 1.2"></label>
<label>District<select id="district" name="district"><option value="">Any</option></select></label>
<label>Function<select id="function" name="function"><option value="">Any</option></select></label>
<label>Owner<select id="owner" name="owner"><option value="">Any</option></select></label>
</div></details>
<button type="submit" class="primary">Show</button>
<button type="button" id="clear">Clear filters</button>
</form>
<form id="ask" class="bar" role="search" aria-label="Ask a question">
<label>Ask a question<input type="search" id="question" name="q" maxlength="500" placeholder="e.g. which reds are in Dover?"></label>
<button type="submit">Ask</button>
</form>
<section id="compare" aria-labelledby="h-compare" hidden><h2 id="h-compare">Services side by side</h2><button type="button" id="compare-show">Compare every service</button><div class="card scroll" id="compare-table" hidden></div></section>
<section aria-labelledby="h-counts"><h2 id="h-counts">Returns per quarter</h2><div class="card"><div class="chart"><canvas id="counts-chart" role="img" aria-label="Bar chart of returns per quarter by rating; the table below gives the same figures"></canvas></div><div class="scroll" id="counts-table"></div></div></section>
<section aria-labelledby="h-outcomes"><h2 id="h-outcomes">Outcomes over time</h2><div class="card scroll" id="outcomes-table"></div></section>
<section aria-labelledby="h-kpis"><h2 id="h-kpis">KPIs and indicators</h2><div class="card"><label>Chart of<select id="kpi"></select></label><div class="chart"><canvas id="kpi-chart" role="img" aria-label="Line chart of the chosen measure against its floor and target; the table below gives the same figures"></canvas></div><div class="scroll" id="kpi-table"></div></div></section>
<section aria-labelledby="h-items"><h2 id="h-items">Items</h2><p id="items-caption" class="muted"></p><div class="card scroll" id="items-table"></div><div class="bar" id="pager"></div></section>
<section id="history" aria-labelledby="h-history" hidden><h2 id="h-history" tabindex="-1">Item history</h2><div class="card scroll" id="history-table"></div><button type="button" id="history-close">Back to the items</button></section>
</main>
<script src="/tabs/dashboard.js" defer></script>
</body>
</html>`;
}

/** The channel tab's configuration page: which service the channel's dashboard shows. */
export function configPage(): string {
  return `<!doctype html>
<html lang="en-GB" data-theme="default">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set up the dashboard tab - RAG Chaser</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body data-page="config">
<main>
<h1>Performance dashboard</h1>
<p id="config-status" role="status" aria-live="polite">Loading…</p>
<label>Service<select id="config-service"></select></label>
</main>
<script src="/tabs/dashboard.js" defer></script>
</body>
</html>`;
}

export function dashboardPageRoutes(): Router {
  const router = express.Router();
  const page = dashboardPage();
  let script: string | undefined;
  const send = (html: string) => (_req: express.Request, res: express.Response) => {
    res
      .set('content-type', 'text/html; charset=utf-8')
      .set('cache-control', 'no-cache')
      // Teams shows the tab in a frame of its own origins; no other origin may frame it.
      .set(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com",
      )
      .send(html);
  };
  router.get('/tabs/dashboard', send(page));
  router.get('/tabs/dashboard/config', send(configPage()));
  router.get('/tabs/dashboard.js', (_req, res) => {
    try {
      script ??= readFileSync(TAB_SCRIPT, 'utf8');
    } catch {
      res.status(503).type('text/plain').send('The dashboard script is not built: run npm run build.');
      return;
    }
    res.set('content-type', 'text/javascript; charset=utf-8').set('cache-control', 'no-cache').send(script);
  });
  return router;
}
