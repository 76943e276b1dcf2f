/** No Bicep compiler installs offline: parse the templates with tree-sitter-bicep to catch syntax errors. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'tree-sitter';
import { HEARTBEAT } from '../../src/jobs/scheduler';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Bicep = require('tree-sitter-bicep') as Parser.Language;

const INFRA = join(__dirname, '..', '..', 'infra');

/**
 * tree-sitter-bicep predates the `extension` statement (Bicep 0.30+): a declaration of exactly the alias
 * bicepconfig.json names is checked here and blanked before parsing.
 */
function withoutExtension(source: string): string {
  const config = JSON.parse(readFileSync(join(INFRA, '..', 'bicepconfig.json'), 'utf8')) as {
    extensions: Record<string, string>;
  };
  return source.replace(/^extension (\w+)$/m, (line, alias: string) => {
    expect(Object.keys(config.extensions)).toContain(alias);
    return ' '.repeat(line.length);
  });
}

function parse(source: string) {
  source = withoutExtension(source);
  const parser = new Parser();
  parser.setLanguage(Bicep);
  return parser.parse(source);
}

function errors(node: Parser.SyntaxNode, out: string[] = []): string[] {
  if (node.type === 'ERROR' || node.isMissing)
    out.push(`${node.type} at line ${node.startPosition.row + 1}: ${node.text.slice(0, 60)}`);
  for (const child of node.children) errors(child, out);
  return out;
}

describe('infra/*.bicep', () => {
  const files = readdirSync(INFRA).filter((f) => f.endsWith('.bicep'));
  it.each(files)('%s parses without syntax errors', (file) => {
    const tree = parse(readFileSync(join(INFRA, file), 'utf8'));
    expect(errors(tree.rootNode)).toEqual([]);
    expect(tree.rootNode.hasError).toBe(false);
  });

  it('the parser does catch a broken template', () => {
    expect(
      parse("resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: \n").rootNode.hasError,
    ).toBe(true);
  });

  it('declares what an admin needs: keyless storage with the table data role, the Teams channel, the endpoint output', () => {
    const source = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
    const tree = parse(source);
    const resources = tree.rootNode
      .descendantsOfType('resource_declaration')
      .map((r) => r.text.split('\n')[0] ?? '');
    expect(resources.some((r) => r.includes("'Microsoft.BotService/botServices/channels"))).toBe(true);
    expect(resources.some((r) => r.includes("'Microsoft.Authorization/roleAssignments"))).toBe(true);
    expect(source).toMatch(/allowSharedKeyAccess: false/);
    expect(source).toMatch(/\{ name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' \}/);
    expect(source).toMatch(/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3/);
    expect(tree.rootNode.descendantsOfType('output_declaration').map((o) => o.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^output botEndpoint string/)]),
    );
    const params = JSON.parse(readFileSync(join(INFRA, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    const declared = tree.rootNode.descendantsOfType('parameter_declaration').map((p) => p.child(1)?.text);
    for (const name of Object.keys(params.parameters)) expect(declared).toContain(name);
  });

  it('every resource that takes tags gets the tags parameter; an admin group can be given the table data role', () => {
    const tree = parse(readFileSync(join(INFRA, 'main.bicep'), 'utf8'));
    const resources = tree.rootNode.descendantsOfType('resource_declaration').map((r) => r.text);
    // Child resources and role assignments take no tags of their own.
    const taggable = resources.filter(
      (r) =>
        !/^resource \w+ '[^']+\/[^']+\/[^']+@/.test(r) &&
        !r.includes("'Microsoft.Authorization/roleAssignments") &&
        !/^resource \w+ '[^']+' existing/.test(r),
    );
    expect(taggable.length).toBeGreaterThanOrEqual(7);
    for (const r of taggable) expect(r).toMatch(/\n {2}tags: tags\n/);
    const declared = tree.rootNode.descendantsOfType('parameter_declaration').map((p) => p.child(1)?.text);
    expect(declared).toEqual(expect.arrayContaining(['tagList', 'adminGroupObjectId']));
    // "a=1;b=2" from the env file becomes the tags object.
    expect(readFileSync(join(INFRA, 'main.bicep'), 'utf8')).toMatch(/^var tags = toObject\(tagPairs, /m);
    const admin = resources.find((r) => r.includes('principalId: adminGroupObjectId'));
    expect(admin).toMatch(/= if \(!empty\(adminGroupObjectId\)\)/);
    expect(admin).toMatch(/principalType: 'Group'/);
    expect(admin).toMatch(/tableDataContributor/);
  });

  it('turns on the reach and AI options from parameters; the AI role only on the named Azure OpenAI account', () => {
    const source = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
    const tree = parse(source);
    const declared = tree.rootNode.descendantsOfType('parameter_declaration').map((p) => p.child(1)?.text);
    expect(declared).toEqual(
      expect.arrayContaining([
        'proactiveInstall',
        'teamsCatalogAppId',
        'emailFallbackFrom',
        'openAiAccountName',
      ]),
    );
    for (const setting of [
      'PROACTIVE_INSTALL',
      'TEAMS_CATALOG_APP_ID',
      'EMAIL_FALLBACK_FROM',
      'AI_ENDPOINT',
      'AI_MODEL',
    ])
      expect(source).toMatch(new RegExp(`name: '${setting}'`));
    const role = tree.rootNode
      .descendantsOfType('resource_declaration')
      .map((r) => r.text)
      .find((r) => r.includes('openAiUser'));
    expect(role).toMatch(/= if \(!empty\(openAiAccountName\)\)/);
    expect(role).toMatch(/scope: openAi\n/);
    expect(source).toMatch(/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd/);
  });

  it('alerts on failed sends, 5xx, /readyz failing and an overdue digest, notifying an action group parameter', () => {
    const main = parse(readFileSync(join(INFRA, 'main.bicep'), 'utf8')).rootNode;
    const monitoring = readFileSync(join(INFRA, 'monitoring.bicep'), 'utf8');
    const tree = parse(monitoring).rootNode;
    const module = main.descendantsOfType('module_declaration').map((m) => m.text);
    expect(module).toEqual([
      expect.stringMatching(/^module monitoring 'monitoring.bicep'/),
      expect.stringMatching(/^module graphGrants 'graph-permissions.bicep'/),
    ]);
    for (const param of ['actionGroupId', 'alertEmail', 'workspaceId', 'tags'])
      expect(module[0]).toMatch(new RegExp(`\\n\\s+${param}: `));
    const resources = tree.descendantsOfType('resource_declaration').map((r) => r.text);
    const alert = (pattern: RegExp) => resources.filter((r) => pattern.test(r));
    expect(alert(/metricAlerts[\s\S]*metricName: 'Http5xx'[\s\S]*operator: 'GreaterThan'/)).toHaveLength(1);
    expect(
      alert(/metricAlerts[\s\S]*metricName: 'HealthCheckStatus'[\s\S]*operator: 'LessThan'/),
    ).toHaveLength(1);
    // The log lines the scheduler writes (src/jobs/scheduler.ts alertSignals).
    expect(alert(/scheduledQueryRules[\s\S]*message == "sends failed"/)).toHaveLength(1);
    expect(alert(/scheduledQueryRules[\s\S]*message == "digest overdue"/)).toHaveLength(1);
    // No heartbeat from the scheduler (src/jobs/scheduler.ts HEARTBEAT) for 15 minutes.
    const stopped = alert(/scheduledQueryRules[\s\S]*message == "scheduler heartbeat"/);
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(/windowSize: 'PT15M'[\s\S]*operator: 'LessThan'\n\s+threshold: 1\n/);
    expect(HEARTBEAT).toBe('scheduler heartbeat');
    for (const r of alert(/metricAlerts|scheduledQueryRules/)) {
      expect(r).toMatch(/actionGroups|actionGroupId: id/);
      expect(r).toMatch(/\n {2}tags: tags\n/);
    }
    expect(monitoring).toMatch(/param actionGroupId string = ''/);
  });

  it('diagnostic settings send the app, table service and bot platform logs to the Log Analytics workspace', () => {
    const tree = parse(readFileSync(join(INFRA, 'monitoring.bicep'), 'utf8')).rootNode;
    const settings = tree
      .descendantsOfType('resource_declaration')
      .map((r) => r.text)
      .filter((r) => r.includes("'Microsoft.Insights/diagnosticSettings"));
    expect(settings.map((r) => /\n {2}scope: (\w+)/.exec(r)?.[1]).sort()).toEqual([
      'app',
      'bot',
      'tableService',
    ]);
    for (const r of settings) expect(r).toMatch(/workspaceId: workspaceId/);
    // The app's own lines arrive once, through OpenTelemetry: not again as console or app logs.
    const app = settings.find((r) => /\n {2}scope: app\n/.test(r)) ?? '';
    expect(app).toMatch(/AppServiceHTTPLogs/);
    expect(app).not.toMatch(/AppServiceConsoleLogs|AppServiceAppLogs/);
    const main = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
    expect(main).toMatch(/workspaceId: logs\.id/);
  });
});
