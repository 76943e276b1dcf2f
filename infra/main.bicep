// RAG Chaser on Azure: App Service (Linux, Node 24 LTS) with a user-assigned managed identity, the Azure Bot
// (that identity as its app, Teams channel on), Table Storage reached with the identity (no shared keys),
// Application Insights on a Log Analytics workspace, alert rules and diagnostic settings (monitoring.bicep).
// Deploy: see README, "Deploy to Azure".

@description('Short name used in every resource name (letters and digits).')
@minLength(3)
@maxLength(12)
param appName string = 'ragchaser'

@description('Azure region.')
param location string = resourceGroup().location

@description('Comma-separated UPNs given the service-manager role at start (at least one: nobody else can set the bot up).')
@minLength(3)
param serviceManagers string

@description('Comma-separated Entra tenant ids allowed to talk to the bot (your own: Entra admin centre > Overview > Tenant ID).')
@minLength(36)
param allowedTenants string

@description('off, or graph: before re-sending a message that may have gone out when a process died, look for it in the chat through Microsoft Graph (needs the Graph permissions in infra/graph-permissions.json).')
@allowed(['off', 'graph'])
param deliveryCheck string = 'off'

@description('The Teams app manifest id (appPackage/manifest.json "id"); needed when deliveryCheck is graph.')
param teamsAppId string = ''

@description('The client id of the dashboard tab\'s Entra app registration (Teams SSO; made by the Agents Toolkit from aad.manifest.json); empty = the dashboard tab refuses every token.')
param tabAppId string = ''

@description('off, or graph: before a chase, install the app for owners who have not (Microsoft Graph; needs the Graph permissions in infra/graph-permissions.json).')
@allowed(['off', 'graph'])
param proactiveInstall string = 'off'

@description('The app\'s id in your organisation\'s app catalogue (Teams admin centre > Manage apps > RAG Chaser > App ID); needed when proactiveInstall is graph.')
param teamsCatalogAppId string = ''

@description('A mailbox that emails owners Teams cannot reach (Mail.Send and Mail.ReadBasic scoped to it with Exchange RBAC for Applications, docs/administration.md); empty = no email fallback.')
param emailFallbackFrom string = ''

@description('Name of an Azure OpenAI account in this resource group, for questions in free wording and Draft with AI (docs/ai.md); empty = no AI. The app\'s identity gets Cognitive Services OpenAI User on it.')
param openAiAccountName string = ''

@description('The Azure OpenAI deployment to use, when openAiAccountName is set.')
param openAiDeployment string = 'gpt-4o-mini'

@description('App Service plan size. B1 suits a county service; P0v3 for more headroom.')
@allowed(['B1', 'B2', 'P0v3', 'P1v3'])
param planSku string = 'B1'

@description('Tags applied to every resource that takes them, as name=value pairs separated by semicolons (council Azure Policy often requires some), e.g. "costCentre=1234;service=Performance returns".')
param tagList string = ''

@description('Object id of an Entra group of admins to give Storage Table Data Contributor on the tables (for the CLI with az login); empty = none.')
param adminGroupObjectId string = ''

@description('Resource id of an existing action group the alerts notify (failed sends, 5xx, /readyz failing, digest overdue); empty = use alertEmail.')
param actionGroupId string = ''

@description('An email address for a new action group the alerts notify, when actionGroupId is empty; empty = alerts show in the portal only.')
param alertEmail string = ''

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('true: grant the Microsoft Graph application permissions the chosen features need in this deployment (the deployer must be allowed to grant them). false: an admin runs infra/grant-graph-permissions.sh.')
@allowed(['true', 'false'])
param grantGraphPermissions string = 'false'

// The Microsoft Graph application permissions each feature needs (written from src/teams/graph-permissions.ts).
var graphNeeds = loadJsonContent('graph-permissions.json')
var graphPermissions = union(
  proactiveInstall == 'graph' ? graphNeeds.entra.proactiveInstall : [],
  deliveryCheck == 'graph' ? graphNeeds.entra.deliveryCheck : [],
  empty(emailFallbackFrom) ? [] : graphNeeds.entra.emailFallback
)

// "a=1;b=2" as { a: '1', b: '2' }: a list an env file can carry (the toolkit fills parameters from env/).
var tagPairs = filter(map(split(tagList, ';'), pair => trim(pair)), pair => contains(pair, '='))
var tags = toObject(tagPairs, pair => trim(split(pair, '=')[0]), pair => trim(substring(pair, indexOf(pair, '=') + 1)))

var suffix = uniqueString(resourceGroup().id, appName)
var tenantId = subscription().tenantId
// Storage Table Data Contributor (built-in role).
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Cognitive Services OpenAI User (built-in role): call the deployments, nothing else.
var openAiUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${appName}-id'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('${appName}${take(suffix, 8)}')
  location: location
  tags: tags
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource adminTableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminGroupObjectId)) {
  scope: storage
  name: guid(storage.id, adminGroupObjectId, tableDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: adminGroupObjectId
    principalType: 'Group'
  }
}

resource openAi 'Microsoft.CognitiveServices/accounts@2023-05-01' existing = {
  name: empty(openAiAccountName) ? 'none' : openAiAccountName
}

resource openAiRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(openAiAccountName)) {
  scope: openAi
  name: guid(resourceGroup().id, openAiAccountName, identity.id, openAiUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs-${take(suffix, 6)}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-ai'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  tags: tags
  sku: { name: planSku }
  kind: 'linux'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${appName}-${take(suffix, 6)}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true // the minute scheduler runs in the app
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appCommandLine: 'node dist/main.js'
      appSettings: [
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TABLES_ENDPOINT', value: storage.properties.primaryEndpoints.table }
        { name: 'TABLE_PREFIX', value: 'ragchaser' }
        { name: 'ALLOWED_TENANTS', value: allowedTenants }
        { name: 'SERVICE_MANAGERS', value: serviceManagers }
        { name: 'TIMEZONE', value: 'Europe/London' }
        { name: 'SCHEDULER_ENABLED', value: 'true' }
        { name: 'DELIVERY_CHECK', value: deliveryCheck }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'TAB_APP_ID', value: tabAppId }
        // The site's default host name (a site cannot read its own property here): the tab's App ID URI host.
        { name: 'BOT_DOMAIN', value: '${appName}-${take(suffix, 6)}.azurewebsites.net' }
        { name: 'PROACTIVE_INSTALL', value: proactiveInstall }
        { name: 'TEAMS_CATALOG_APP_ID', value: teamsCatalogAppId }
        { name: 'EMAIL_FALLBACK_FROM', value: emailFallbackFrom }
        { name: 'AI_ENDPOINT', value: empty(openAiAccountName) ? '' : 'https://${openAiAccountName}.openai.azure.com' }
        { name: 'AI_MODEL', value: openAiDeployment }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        // The zip (npm run bundle) is built with production dependencies: nothing to build on the server.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        // The deployed zip is mounted read-only and run as it is (no copy into wwwroot, an atomic swap).
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'WEBSITE_NODE_DEFAULT_VERSION', value: '~24' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${appName}-bot-${take(suffix, 6)}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'RAG Chaser'
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
    disableLocalAuth: true
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Alert rules and diagnostic settings (platform logs and metrics to the Log Analytics workspace).
module monitoring 'monitoring.bicep' = {
  name: '${appName}-monitoring'
  params: {
    appName: appName
    location: location
    tags: tags
    webAppName: app.name
    insightsName: insights.name
    workspaceId: logs.id
    storageName: storage.name
    botName: bot.name
    actionGroupId: actionGroupId
    alertEmail: alertEmail
  }
}

module graphGrants 'graph-permissions.bicep' = if (grantGraphPermissions == 'true' && !empty(graphPermissions)) {
  name: '${appName}-graph-permissions'
  params: {
    principalId: identity.properties.principalId
    permissions: graphPermissions
  }
}

@description('The messaging endpoint Teams calls.')
output botEndpoint string = 'https://${app.properties.defaultHostName}/api/messages'

@description('Use as BOT_ID (and TEAMS_APP_ID if you like) when packaging the Teams app.')
output botAppId string = identity.properties.clientId

@description('Use as BOT_DOMAIN when packaging the Teams app.')
output botDomain string = app.properties.defaultHostName

output webAppName string = app.name

// For the Microsoft 365 Agents Toolkit: arm/deploy writes each output to env/.env.<env> under its own name,
// so these are the names m365agents.yml and appPackage/manifest.json read.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = app.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${app.properties.defaultHostName}'
output AZURE_APP_SERVICE_RESOURCE_ID string = app.id
@description('The Microsoft Graph application permissions the chosen features need (granted here when grantGraphPermissions is true).')
output graphPermissions array = graphPermissions
output BOT_PRINCIPAL_ID string = identity.properties.principalId
output tablesEndpoint string = storage.properties.primaryEndpoints.table
