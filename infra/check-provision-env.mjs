// Run by the Agents Toolkit before provision (m365agents.yml, `script`), with env/.env.<env> in the
// environment: refuses a deployment nobody could manage, one any tenant could use, or one with a value
// Azure would reject later. Node built-ins only: provision runs before `npm ci`.
// Usage: node infra/check-provision-env.mjs   (exit 0: go on; exit 1: what to fix, one line each)
// eslint-disable-next-line no-restricted-syntax -- runs before the app is installed: no src/config.ts to read it
const env = process.env;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;
const PLACEHOLDER = /@(example\.(org|com|net)|yourcouncil\.gov\.uk)$/i;
const list = (value) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const problems = [];
const oneOf = (name, allowed) => {
  if (!allowed.includes(env[name] ?? ''))
    problems.push(`${name} is "${env[name] ?? ''}": use one of ${allowed.join(', ')}.`);
};
const address = (name, value) => {
  if (!EMAIL.test(value)) problems.push(`${name}: "${value}" is not an email address.`);
  else if (PLACEHOLDER.test(value))
    problems.push(`${name}: "${value}" is the sample address: give a real one in your organisation.`);
};

const managers = list(env.SERVICE_MANAGERS);
if (managers.length === 0)
  problems.push(
    'SERVICE_MANAGERS is empty: name at least one service manager (their work address, as in Teams), or nobody can set the bot up.',
  );
for (const m of managers) address('SERVICE_MANAGERS', m);

const tenants = list(env.ALLOWED_TENANTS);
if (tenants.length === 0)
  problems.push(
    'ALLOWED_TENANTS is empty: give your Entra tenant id (Entra admin centre > Overview > Tenant ID), or any organisation could use the bot.',
  );
for (const t of tenants)
  if (!GUID.test(t) || /^0{8}-/.test(t))
    problems.push(`ALLOWED_TENANTS: "${t}" is not a tenant id (a GUID).`);

if (!/^[a-z0-9]{3,12}$/.test(env.APP_NAME ?? ''))
  problems.push(`APP_NAME is "${env.APP_NAME ?? ''}": 3 to 12 lower-case letters and digits.`);
oneOf('DELIVERY_CHECK', ['off', 'graph']);
oneOf('PROACTIVE_INSTALL', ['off', 'graph']);
oneOf('PLAN_SKU', ['B1', 'B2', 'P0v3', 'P1v3']);
oneOf('BOT_SKU', ['F0', 'S1']);
oneOf('GRANT_GRAPH_PERMISSIONS', ['true', 'false']);
if (env.PROACTIVE_INSTALL === 'graph' && !GUID.test(env.TEAMS_CATALOG_APP_ID ?? ''))
  problems.push(
    'TEAMS_CATALOG_APP_ID: with PROACTIVE_INSTALL=graph give the app id from Teams admin centre > Manage apps > RAG Chaser.',
  );
if (env.EMAIL_FALLBACK_FROM) address('EMAIL_FALLBACK_FROM', env.EMAIL_FALLBACK_FROM);
if (env.ALERT_EMAIL) address('ALERT_EMAIL', env.ALERT_EMAIL);
if (env.OPENAI_ACCOUNT_NAME && !env.OPENAI_DEPLOYMENT)
  problems.push('OPENAI_DEPLOYMENT: with OPENAI_ACCOUNT_NAME give the deployment name (e.g. gpt-4o-mini).');

if (problems.length) {
  const file = `env/.env.${env.TEAMSFX_ENV || '<env>'}`;
  console.error(`Not provisioning: fix these in ${file}, then provision again.`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(`Provision values checked: ${managers.length} service manager(s), ${tenants.length} tenant(s).`);
