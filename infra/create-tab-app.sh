#!/usr/bin/env bash
# Creates the dashboard tab's Entra app registration for Teams SSO, as the Agents Toolkit does from
# aad.manifest.json (aadApp/create + aadApp/update): App ID URI api://<bot domain>/<app id>, the
# access_as_user scope, v2 tokens, and the Teams and Microsoft 365 clients pre-authorised (no consent prompt).
#   infra/create-tab-app.sh <bot domain>        # prints TAB_APP_ID=<client id>
# Give the client id to the package (TAB_APP_ID=... npm run package -- --env prod) and to the app setting
# TAB_APP_ID (the template's tabAppId parameter).
set -euo pipefail
domain="${1:?give the bot domain (provision output botDomain, e.g. ragchaser-abc123.azurewebsites.net)}"
here="$(cd "$(dirname "$0")/.." && pwd)"
scope="$(node -e 'const e=require("fs").readFileSync(process.argv[1],"utf8");console.log(/^TAB_APP_ACCESS_AS_USER_PERMISSION_ID=(.*)$/m.exec(e)[1])' "$here/env/.env.prod")"
app="$(az ad app create --display-name "RAG Chaser dashboard" --sign-in-audience AzureADMyOrg --query appId -o tsv)"
object="$(az ad app show --id "$app" --query id -o tsv)"
az ad sp create --id "$app" >/dev/null 2>&1 || true
body="$(node -e '
  const [domain, app, scope, file] = process.argv.slice(1);
  const m = JSON.parse(require("fs").readFileSync(file, "utf8"));
  const p = m.oauth2Permissions[0];
  console.log(JSON.stringify({
    identifierUris: [`api://${domain}/${app}`],
    web: { redirectUris: [`https://${domain}/tabs/dashboard`] },
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [{ id: scope, value: p.value, type: p.type, isEnabled: true,
        adminConsentDisplayName: p.adminConsentDisplayName, adminConsentDescription: p.adminConsentDescription,
        userConsentDisplayName: p.userConsentDisplayName, userConsentDescription: p.userConsentDescription }],
    },
  }));
' "$domain" "$app" "$scope" "$here/aad.manifest.json")"
az rest --method PATCH --url "https://graph.microsoft.com/v1.0/applications/$object" \
  --headers 'Content-Type=application/json' --body "$body" >/dev/null
# The scope must exist before clients are pre-authorised for it.
clients="$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(JSON.stringify({ api: { preAuthorizedApplications: m.preAuthorizedApplications.map((a) => ({ appId: a.appId, delegatedPermissionIds: [process.argv[2]] })) } }));
' "$here/aad.manifest.json" "$scope")"
az rest --method PATCH --url "https://graph.microsoft.com/v1.0/applications/$object" \
  --headers 'Content-Type=application/json' --body "$clients" >/dev/null
echo "TAB_APP_ID=$app"
