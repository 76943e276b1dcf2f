/**
 * The layer rules (.dependency-cruiser.cjs) catch wrong imports: run over test/fixtures/layers, a tree
 * with one deliberately wrong import per rule, they name each; over src they find none.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Report {
  summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number };
}

function cruise(target: string): Report {
  const out = execFileSync(
    process.execPath,
    [CLI, target, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out) as Report;
}

describe('layer rules (dependency-cruiser)', () => {
  it('name every deliberately wrong import of the fixture tree, and nothing else', () => {
    const at = (path: string) => path.replace('test/fixtures/layers/src/', '');
    const found = cruise('test/fixtures/layers')
      .summary.violations.map((v) => `${v.rule.name}: ${at(v.from)} -> ${at(v.to)}`)
      .sort();
    expect(found).toEqual([
      'adapters-know-only-ports: store/table.ts -> app/use-case.ts',
      'adapters-stay-apart: store/notify.ts -> cards/card.ts',
      'adapters-stay-apart: teams/sender.ts -> report/chart.ts',
      'adapters-stay-apart: teams/sender.ts -> report/escape.ts',
      'app-speaks-to-ports: app/use-case.ts -> store/table.ts',
      'app-speaks-to-ports: app/use-case.ts -> teams/sender.ts',
      'app-uses-zod-and-node-only: app/read-file.ts -> node_modules/csv-parse/dist/cjs/sync.cjs',
      'bot-reaches-storage-through-ports: bot/handler.ts -> store/table.ts',
      'cards-follow-through-the-projection: app/returns/submit.ts -> app/returns/card-rows.ts',
      'domain-is-pure: domain/rule.ts -> store/table.ts',
      'inner-layers-import-no-entry-point: cards/card.ts -> bot/handler.ts',
      'no-circular: app/use-case.ts -> store/table.ts',
      'no-dev-dependency-at-run-time: report/chart.ts -> node_modules/yaml/dist/index.js',
      'no-orphans: cards/unused.ts -> cards/unused.ts',
      'ports-speak-domain: app/ports/leaky.ts -> app/use-case.ts',
      'shared-is-neutral: shared/helper.ts -> app/ports/port.ts',
      'store-is-storage-only: store/notify.ts -> cards/card.ts',
    ]);
    // Every rule of the configuration is shown failing by the fixtures.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the configuration is CommonJS
    const rules = (require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] })
      .forbidden;
    expect(new Set(found.map((f) => f.split(':')[0]))).toEqual(new Set(rules.map((r) => r.name)));
  });

  it('find nothing wrong in src', () => {
    const report = cruise('src');
    expect(report.summary.violations).toEqual([]);
    expect(report.summary.totalCruised).toBeGreaterThan(100);
  });
});
