#!/usr/bin/env bash
# Grants the bot identity the Microsoft Graph application permissions its features need, as an admin who may
# grant them (Privileged Role Administrator). The permissions are named, never numbered: their ids are read
# from Microsoft Graph's own service principal in your tenant.
#   infra/grant-graph-permissions.sh <bot principal id> <feature>...
#   features: proactiveInstall deliveryCheck emailFallback (infra/graph-permissions.json)
# The bot principal id is the provision output BOT_PRINCIPAL_ID (or: az identity show -g <rg> -n <app>-id --query principalId).
set -euo pipefail
principal="${1:?give the bot identity principal id (provision output BOT_PRINCIPAL_ID)}"
shift
[ "$#" -gt 0 ] || { echo "name at least one feature: proactiveInstall deliveryCheck emailFallback" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
permissions="$(node -e '
  const needs = require(process.argv[1]);
  const out = new Set();
  for (const f of process.argv.slice(2)) {
    if (!Array.isArray(needs.entra[f])) { console.error(`unknown feature ${f}: use proactiveInstall, deliveryCheck or emailFallback`); process.exit(2); }
    needs.entra[f].forEach((p) => out.add(p));
  }
  console.log([...out].sort().join(" "));
' "$here/graph-permissions.json" "$@")"
graph="$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv)"
for permission in $permissions; do
  role="$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query "appRoles[?value=='$permission'].id | [0]" -o tsv)"
  [ -n "$role" ] || { echo "Microsoft Graph has no application permission $permission" >&2; exit 1; }
  echo "granting $permission"
  az rest --method POST --url "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments" \
    --headers 'Content-Type=application/json' \
    --body "{\"principalId\":\"$principal\",\"resourceId\":\"$graph\",\"appRoleId\":\"$role\"}" >/dev/null ||
    echo "  (already granted, or refused: check the output above)"
done
