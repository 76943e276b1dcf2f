/**
 * Layer rules, checked by dependency-cruiser in `npm test` (npm run lint:layers). Arrows point one way:
 * entry points (bot, cli, jobs, server, dev, packaging) -> use cases (app) -> domain; adapters (store, teams, ai,
 * cards, report) implement the ports that app owns and import nothing else of app. The paths match any
 * `src/` so that test/fixtures/layers (a tree of deliberately wrong imports) is judged by the same rules.
 */
const layer = (name) => `(^|/)src/${name}/`;
const ENTRY = '(^|/)src/(bot|cli|jobs|dev|packaging)/|(^|/)src/(server|runtime)\\.ts$';

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
      from: { path: '(^|/)src/(store|teams|cards|report|ai)/' },
      to: { path: layer('app'), pathNot: layer('app/ports') },
    },
    {
      name: 'inner-layers-import-no-entry-point',
      severity: 'error',
      comment: 'domain, app and the adapters never import bot, cli, jobs, dev, packaging, server or runtime.',
      from: { path: '(^|/)src/(domain|app|store|teams|cards|report|ai)/' },
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
      comment: 'Bot handlers use the stores through the ports (only the storage error check is shared).',
      from: { path: layer('bot') },
      to: { path: layer('store'), pathNot: '(^|/)src/store/errors\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
