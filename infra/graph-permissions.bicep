// Grants the bot's managed identity the Microsoft Graph application permissions its features need
// (infra/graph-permissions.json, written from src/teams/graph-permissions.ts). Deploying it needs a
// deployer who may grant application permissions (Privileged Role Administrator, or AppRoleAssignment.ReadWrite.All
// and Application.Read.All); without that, leave grantGraphPermissions false and run
// infra/grant-graph-permissions.sh as such an admin (docs/administration.md).
extension microsoftGraphV1

@description('Object (principal) id of the bot identity.')
param principalId string

@description('Names of the Microsoft Graph application permissions to grant, e.g. User.Read.All.')
param permissions array

resource graph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource grants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [
  for permission in permissions: {
    principalId: principalId
    resourceId: graph.id
    appRoleId: filter(graph.appRoles, role => role.value == permission)[0].id
  }
]

output granted array = permissions
