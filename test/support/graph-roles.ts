/**
 * What Microsoft Graph checks before it answers an app-only call: a bearer token, and among its `roles` one of
 * the application permissions Graph's reference accepts for the call. The accepted lists below are copied from
 * the "Permissions" table of each call's reference page (least privileged first), not from our own table, so
 * a permission granted by src/teams/graph-permissions.ts that Graph would not accept answers 403 here as it
 * would in a tenant. A call the reference does not list answers 400, as Graph does for an unknown segment.
 */
import type express from 'express';

interface Reference {
  readonly method: 'GET' | 'POST';
  readonly route: RegExp;
  readonly accepted: readonly string[];
  /** Directory calls answer Authorization_RequestDenied; Teams and mail calls a plain Forbidden. */
  readonly denied: 'Authorization_RequestDenied' | 'Forbidden' | 'ErrorAccessDenied';
}

const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const INSTALLED_APPS_READ = [
  'TeamsAppInstallation.ReadSelfForUser.All',
  'TeamsAppInstallation.ReadForUser.All',
  'TeamsAppInstallation.Read.All',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ReadWriteForUser.All',
  'TeamsAppInstallation.ReadWrite.All',
];

export const GRAPH_REFERENCE: readonly Reference[] = [
  { method: 'GET', route: /^\/users\/[^/]+$/, accepted: USER_READ, denied: 'Authorization_RequestDenied' },
  { method: 'GET', route: /^\/users$/, accepted: USER_READ, denied: 'Authorization_RequestDenied' },
  {
    method: 'POST',
    route: /^\/users\/[^/]+\/teamwork\/installedApps$/,
    accepted: [
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'TeamsAppInstallation.ReadWriteForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All',
      'TeamsAppInstallation.ReadWriteAndConsentForUser.All',
    ],
    denied: 'Forbidden',
  },
  {
    method: 'GET',
    route: /^\/users\/[^/]+\/teamwork\/installedApps$/,
    accepted: INSTALLED_APPS_READ,
    denied: 'Forbidden',
  },
  {
    method: 'GET',
    route: /^\/users\/[^/]+\/teamwork\/installedApps\/[^/]+\/chat$/,
    accepted: INSTALLED_APPS_READ,
    denied: 'Forbidden',
  },
  {
    method: 'GET',
    route: /^\/chats\/[^/]+\/messages$/,
    accepted: ['ChatMessage.Read.Chat', 'Chat.Read.All', 'Chat.ReadWrite.All'],
    denied: 'Forbidden',
  },
  {
    method: 'GET',
    route: /^\/teams\/[^/]+\/channels\/[^/]+\/messages$/,
    accepted: ['ChannelMessage.Read.Group', 'ChannelMessage.Read.All'],
    denied: 'Forbidden',
  },
  {
    method: 'GET',
    route: /^\/users\/[^/]+\/mailFolders\/[^/]+\/messages$/,
    accepted: ['Mail.ReadBasic.All', 'Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
    denied: 'ErrorAccessDenied',
  },
  {
    method: 'POST',
    route: /^\/users\/[^/]+\/sendMail$/,
    accepted: ['Mail.Send'],
    denied: 'ErrorAccessDenied',
  },
];

export function referenceFor(method: string, path: string): Reference | undefined {
  return GRAPH_REFERENCE.find((r) => r.method === method && r.route.test(path));
}

/** The `roles` claim of a bearer token (Graph validates the signature; the stand-in reads the claims). */
export function rolesOf(authorization: string | undefined): string[] | undefined {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return undefined;
  }
}

/** An app-only token as Entra issues it to an app granted `roles` (unsigned: the stand-ins read claims only). */
export function tokenWithRoles(roles: readonly string[]): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'https://graph.microsoft.com', roles })}.`;
}

/** Every call, as the stand-in saw it: method, route and whether the token's roles allowed it. */
export interface AuthorisedCall {
  readonly method: string;
  readonly path: string;
  readonly allowed: boolean;
}

/** Express middleware for `/v1.0`: 401 without a token, 400 for an unknown call, 403 without a role. */
export function checkRoles(seen: AuthorisedCall[] = []): express.RequestHandler {
  return (req, res, next) => {
    const path = decodeURIComponent(req.path);
    const roles = rolesOf(req.headers.authorization);
    if (!roles) {
      res.status(401).json({
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
      });
      return;
    }
    const reference = referenceFor(req.method, path);
    if (!reference) {
      res.status(400).json({
        error: { code: 'BadRequest', message: `Resource not found for the segment '${path}'.` },
      });
      return;
    }
    const allowed = reference.accepted.some((p) => roles.includes(p));
    seen.push({ method: req.method, path, allowed });
    if (!allowed) {
      res.status(403).json({
        error: {
          code: reference.denied,
          message:
            reference.denied === 'Authorization_RequestDenied'
              ? 'Insufficient privileges to complete the operation.'
              : `Missing role permissions on the request. API requires one of '${reference.accepted.join(', ')}'.`,
        },
      });
      return;
    }
    next();
  };
}
