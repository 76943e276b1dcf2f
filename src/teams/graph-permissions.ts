/**
 * Every Microsoft Graph call the app makes, with the least-privileged application permission that Graph's
 * reference lists for it. The one source for what an admin grants: `grantedPermissions` is what
 * infra/graph-permissions.json (read by infra/main.bicep and infra/grant-graph-permissions.sh) and
 * docs/administration.md grant, and `graphRequest` refuses a call that is
 * not in this table, so a call added without its permission fails its tests at the first run.
 */

export type GraphFeature = 'proactiveInstall' | 'deliveryCheck' | 'emailFallback';

export type GraphPermission =
  | 'User.Read.All'
  | 'TeamsAppInstallation.ReadWriteSelfForUser.All'
  | 'TeamsAppInstallation.ReadSelfForUser.All'
  | 'Chat.Read.All'
  | 'ChannelMessage.Read.All'
  | 'Mail.Send'
  | 'Mail.ReadBasic.All';

export interface GraphCall {
  readonly feature: GraphFeature;
  readonly method: 'GET' | 'POST';
  /** The path under /v1.0, `{name}` for one segment. */
  readonly path: string;
  readonly permission: GraphPermission;
  /** Microsoft's reference page for the call. */
  readonly reference: string;
}

const DOCS = 'https://learn.microsoft.com/graph/api';

export const GRAPH_CALLS: readonly GraphCall[] = [
  // Proactive install: find the owner (by UPN, by mail only when the UPN is not found), install, find the chat.
  {
    feature: 'proactiveInstall',
    method: 'GET',
    path: '/users/{user}',
    permission: 'User.Read.All',
    reference: `${DOCS}/user-get`,
  },
  {
    feature: 'proactiveInstall',
    method: 'GET',
    path: '/users',
    permission: 'User.Read.All',
    reference: `${DOCS}/user-list`,
  },
  {
    feature: 'proactiveInstall',
    method: 'POST',
    path: '/users/{user}/teamwork/installedApps',
    permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    reference: `${DOCS}/userteamwork-post-installedapps`,
  },
  {
    feature: 'proactiveInstall',
    method: 'GET',
    path: '/users/{user}/teamwork/installedApps',
    permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    reference: `${DOCS}/userteamwork-list-installedapps`,
  },
  {
    feature: 'proactiveInstall',
    method: 'GET',
    path: '/users/{user}/teamwork/installedApps/{installation}/chat',
    permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    reference: `${DOCS}/userscopeteamsappinstallation-get-chat`,
  },
  // Delivery check: the 1:1 chat of the installation, its messages, the SMT channel's posts.
  {
    feature: 'deliveryCheck',
    method: 'GET',
    path: '/users/{user}/teamwork/installedApps',
    permission: 'TeamsAppInstallation.ReadSelfForUser.All',
    reference: `${DOCS}/userteamwork-list-installedapps`,
  },
  {
    feature: 'deliveryCheck',
    method: 'GET',
    path: '/users/{user}/teamwork/installedApps/{installation}/chat',
    permission: 'TeamsAppInstallation.ReadSelfForUser.All',
    reference: `${DOCS}/userscopeteamsappinstallation-get-chat`,
  },
  {
    feature: 'deliveryCheck',
    method: 'GET',
    path: '/chats/{chat}/messages',
    permission: 'Chat.Read.All',
    reference: `${DOCS}/chat-list-messages`,
  },
  {
    feature: 'deliveryCheck',
    method: 'GET',
    path: '/teams/{team}/channels/{channel}/messages',
    permission: 'ChannelMessage.Read.All',
    reference: `${DOCS}/channel-list-messages`,
  },
  // Email fallback: the recipient is a member of the directory; Sent Items searched before a resend; send.
  {
    feature: 'emailFallback',
    method: 'GET',
    path: '/users/{user}',
    permission: 'User.Read.All',
    reference: `${DOCS}/user-get`,
  },
  {
    feature: 'emailFallback',
    method: 'GET',
    path: '/users',
    permission: 'User.Read.All',
    reference: `${DOCS}/user-list`,
  },
  {
    feature: 'emailFallback',
    method: 'GET',
    path: '/users/{user}/mailFolders/{folder}/messages',
    permission: 'Mail.ReadBasic.All',
    reference: `${DOCS}/user-list-messages`,
  },
  {
    feature: 'emailFallback',
    method: 'POST',
    path: '/users/{user}/sendMail',
    permission: 'Mail.Send',
    reference: `${DOCS}/user-sendmail`,
  },
];

/** The route a request path (under /v1.0, query allowed) matches, as written in the table. */
export function routeOf(path: string): string {
  const bare = path.split('?')[0] ?? '';
  for (const call of GRAPH_CALLS) if (pattern(call.path).test(bare)) return call.path;
  return bare;
}

const patterns = new Map<string, RegExp>();
function pattern(route: string): RegExp {
  let p = patterns.get(route);
  if (!p) {
    p = new RegExp(`^${route.replace(/\{[a-z]+\}/g, '[^/]+')}$`);
    patterns.set(route, p);
  }
  return p;
}

/** The table's entries for a call; empty when the app has no business making it. */
export function callsFor(method: string, path: string): GraphCall[] {
  const bare = path.split('?')[0] ?? '';
  return GRAPH_CALLS.filter((c) => c.method === method && pattern(c.path).test(bare));
}

/** Thrown for a Graph call missing from GRAPH_CALLS: a programming error, never a tenant's. */
export class UnlistedGraphCall extends Error {
  constructor(method: string, path: string) {
    super(
      `Graph call ${method} ${path.split('?')[0] ?? ''} is not in src/teams/graph-permissions.ts: add it with its least-privileged permission`,
    );
  }
}

export function assertListed(method: string, path: string): void {
  if (callsFor(method, path).length === 0) throw new UnlistedGraphCall(method, path);
}

/**
 * Where a permission is granted: in Entra (an app role on Microsoft Graph, tenant-wide), or, for a mailbox's
 * mail, in Exchange Online with RBAC for Applications scoped to the one mailbox (role "Application Mail.Send"
 * etc.), never tenant-wide in Entra.
 */
export function grantedIn(permission: GraphPermission): 'entra' | 'exchange' {
  return permission.startsWith('Mail.') ? 'exchange' : 'entra';
}

/** The application permissions the features need (wherever granted), sorted, each once. */
export function grantedPermissions(
  features: readonly GraphFeature[],
  where?: 'entra' | 'exchange',
): GraphPermission[] {
  const wanted = new Set(features);
  const all = GRAPH_CALLS.filter((c) => wanted.has(c.feature)).map((c) => c.permission);
  return [...new Set(all)].filter((p) => !where || grantedIn(p) === where).sort();
}

/** The Exchange Online RBAC for Applications role that grants a mail permission for a scoped mailbox. */
export function exchangeRole(permission: GraphPermission): string {
  return `Application ${permission.replace(/\.All$/, '')}`;
}

export const ALL_FEATURES: readonly GraphFeature[] = ['proactiveInstall', 'deliveryCheck', 'emailFallback'];
