/**
 * Layer rules, checked by dependency-cruiser in `npm test` (npm run lint:layers). Arrows point one way:
 * entry points (bot, cli, jobs, server, dev, packaging) -> use cases (app) -> domain; adapters (store, teams, ai,
 * cards, report, files) implement the ports that app owns, import nothing else of app and not one another;
 * `shared` holds neutral helpers anyone may use. The paths match any `src/` so that test/fixtures/layers (a
 * tree of deliberately wrong imports, one per rule) is judged by the same rules.
 */
const layer = (name) => `(^|/)src/${name}/`;
const ENTRY = '(^|/)src/(bot|cli|jobs|dev|packaging|tabs)/|(^|/)src/(server|runtime)\\.ts$';
const ADAPTERS = 'store|teams|cards|report|ai|files';
/** Started by path (node, a fork, a bin script), so imported by nothing. */
const STARTED = [
  '(^|/)src/main\\.ts$',
  '(^|/)src/server\\.ts$',
  '(^|/)src/telemetry\\.ts$',
  '(^|/)src/jobs/(tick|table)-worker\\.ts$',
  '(^|/)src/dev/main\\.ts$',
  '(^|/)src/cli/main\\.ts$',
  '(^|/)src/packaging/(main|deploy-zip)\\.ts$',
  '\\.d\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports nothing of ours but the domain.',
      from: { path: layer('domain') },
      to: { path: '(^|/)src/', pathNot: layer('domain') },
    },
    {
      name: 'app-speaks-to-ports',
      severity: 'error',
      comment: 'Use cases import the domain and their own ports, never an adapter or an entry point.',
      from: { path: layer('app') },
      to: { path: '(^|/)src/', pathNot: `${layer('app')}|${layer('domain')}` },
    },
    {
      name: 'ports-speak-domain',
      severity: 'error',
      comment: 'Ports are declared in domain types only.',
      from: { path: layer('app/ports') },
      to: { path: '(^|/)src/', pathNot: `${layer('app/ports')}|${layer('domain')}` },
    },
    {
      name: 'adapters-know-only-ports',
      severity: 'error',
      comment: 'store, teams, cards and report implement ports: of app they import only app/ports.',
      from: { path: `(^|/)src/(${ADAPTERS})/` },
      to: { path: layer('app'), pathNot: layer('app/ports') },
    },
    {
      name: 'inner-layers-import-no-entry-point',
      severity: 'error',
      comment: 'domain, app and the adapters never import bot, cli, jobs, dev, packaging, server or runtime.',
      from: { path: `(^|/)src/(domain|app|shared|${ADAPTERS})/` },
      to: { path: ENTRY },
    },
    {
      name: 'store-is-storage-only',
      severity: 'error',
      comment: 'The Table adapters do not reach the Teams, card or report adapters.',
      from: { path: layer('store') },
      to: { path: '(^|/)src/(teams|cards|report)/' },
    },
    {
      name: 'bot-reaches-storage-through-ports',
      severity: 'error',
      comment: 'Bot handlers use the stores through the ports; storage errors reach them as domain errors.',
      from: { path: layer('bot') },
      to: { path: layer('store') },
    },
    {
      name: 'adapters-stay-apart',
      severity: 'error',
      comment: 'An adapter does not import another adapter: what two share lives in shared/ or the domain.',
      from: { path: `(?:^|/)src/(${ADAPTERS})/` },
      to: { path: `(^|/)src/(${ADAPTERS})/`, pathNot: '(^|/)src/$1/' },
    },
    {
      name: 'shared-is-neutral',
      severity: 'error',
      comment: 'shared/ helpers import nothing of ours but the domain and each other.',
      from: { path: layer('shared') },
      to: { path: '(^|/)src/', pathNot: `${layer('shared')}|${layer('domain')}` },
    },
    {
      name: 'app-uses-zod-and-node-only',
      severity: 'error',
      comment:
        'Use cases use no npm package but zod (and Node built-ins): file formats, SDKs and clients are adapters.',
      from: { path: layer('app') },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-bundled',
          'npm-no-pkg',
          'npm-unknown',
        ],
        pathNot: '(^|/)node_modules/zod/',
      },
    },
    {
      name: 'no-dev-dependency-at-run-time',
      severity: 'error',
      comment:
        'What production runs needs only production dependencies (npm ci --omit=dev); types may come from dev. ' +
        'The embedded Azurite is local mode only, loaded by runtime.ts with import() where it may be absent.',
      from: {
        path: '(^|/)src/',
        pathNot: `${layer('dev')}|${layer('packaging')}|(^|/)src/store/embedded-azurite\\.ts$`,
      },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cards-follow-through-the-projection',
      severity: 'error',
      comment:
        'Use cases report what happened to app/returns/card-projection.ts, which alone decides who sees what ' +
        'on their card: its working part card-rows.ts is imported by nothing else.',
      from: { path: '(^|/)src/', pathNot: '(^|/)src/app/returns/card-projection\\.ts$' },
      to: { path: '(^|/)src/app/returns/card-rows\\.ts$' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Every module is imported by something, or started by path (STARTED).',
      from: { orphan: true, path: '(^|/)src/', pathNot: STARTED },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The project's own build output only (a package's dist/ inside node_modules is what it runs).
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      // Resolve package "exports" (e.g. csv-parse/sync) as Node's require does.
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
    },
  },
};
