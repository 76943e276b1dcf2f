// Alerts and diagnostic settings for RAG Chaser, deployed by main.bicep. What each alert means and what to
// do: README, "Deploy to Azure" > "Alerts".

param appName string
param location string = resourceGroup().location
param tags object
param webAppName string
param insightsName string
param workspaceId string
param storageName string
param botName string

@description('Resource id of an existing action group the alerts notify; empty = use alertEmail.')
param actionGroupId string = ''

@description('An email address for a new action group the alerts notify (when actionGroupId is empty); empty = alerts show in the portal only.')
param alertEmail string = ''

resource app 'Microsoft.Web/sites@2023-12-01' existing = {
  name: webAppName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' existing = {
  name: botName
}

var emailGroupName = '${appName}-alerts'

resource emailGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (empty(actionGroupId) && !empty(alertEmail)) {
  name: emailGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(appName, 12)
    enabled: true
    emailReceivers: [
      {
        name: 'admin'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = !empty(actionGroupId)
  ? [actionGroupId]
  : (!empty(alertEmail) ? [resourceId('Microsoft.Insights/actionGroups', emailGroupName)] : [])

// The app answered with server errors: exceptions in Application Insights say why.
resource serverErrors 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${appName}-server-errors'
  location: 'global'
  tags: tags
  dependsOn: [emailGroup]
  properties: {
    description: 'RAG Chaser answered with server errors (5xx). Look at Failures > Exceptions in Application Insights.'
    severity: 2
    enabled: true
    scopes: [app.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'Http5xx'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: 5
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [for id in actionGroups: { actionGroupId: id }]
  }
}

// /readyz failing: App Service's health check (healthCheckPath) reports the instance unhealthy.
resource notReady 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${appName}-not-ready'
  location: 'global'
  tags: tags
  dependsOn: [emailGroup]
  properties: {
    description: 'RAG Chaser /readyz is failing: it cannot reach Table Storage (role, network) or is not running.'
    severity: 1
    enabled: true
    scopes: [app.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'HealthCheckStatus'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [for id in actionGroups: { actionGroupId: id }]
  }
}

// The scheduler logs "sends failed" when a message was refused for good (src/jobs/scheduler.ts).
resource sendsFailed 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${appName}-sends-failed'
  location: location
  tags: tags
  dependsOn: [emailGroup]
  properties: {
    displayName: 'RAG Chaser: messages failed to send'
    description: 'Cards or notices were refused for good. "rag-chaser status" lists them; "resend failed" in chat sends them again.'
    severity: 2
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'traces | where message == "sends failed"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

// The scheduler logs "scheduler heartbeat" every minute it runs (src/jobs/scheduler.ts): none for 15 minutes
// means no chase, reminder, escalation or digest goes out (the app stopped, or its scheduler is disabled).
resource schedulerStopped 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${appName}-scheduler-stopped'
  location: location
  tags: tags
  dependsOn: [emailGroup]
  properties: {
    displayName: 'RAG Chaser: the scheduler has stopped'
    description: 'No scheduler heartbeat for 15 minutes: nothing is chased, reminded, escalated or published. Check the app is running (GET /healthz) and SCHEDULER_ENABLED=true.'
    severity: 1
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'traces | where message == "scheduler heartbeat"'
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

// The scheduler logs "digest overdue" every minute a due digest is not published.
resource digestOverdue 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${appName}-digest-overdue'
  location: location
  tags: tags
  dependsOn: [emailGroup]
  properties: {
    displayName: 'RAG Chaser: a digest is overdue'
    description: 'A quarter\'s digest is due and not published: it needs approving ("digest preview") or an SMT channel ("register smt channel").'
    severity: 3
    enabled: true
    scopes: [insights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'traces | where message == "digest overdue"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: actionGroups }
  }
}

// Diagnostic settings: the platform's own logs and metrics into the same Log Analytics workspace. The app's
// log lines reach Application Insights once, through OpenTelemetry (src/telemetry.ts); the console and app
// log categories would ingest every line a second time, so they are not collected.
resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
    metrics: [{ category: 'Transaction', enabled: true }]
  }
}

resource botDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: bot
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'BotRequest', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}
