/**
 * The dashboard tab's Teams SSO token, checked on the server with jose against Entra's published keys:
 * signature (RS256), audience (the app's App ID URI or client id), issuer (Entra v2 for the token's own
 * tenant), tenant in ALLOWED_TENANTS, expiry (a minute's clock skew). Anything else is refused.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface TabUser {
  /** Lower-case UPN (the token's preferred_username). */
  readonly upn: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
}

export type TabTokenResult =
  { readonly ok: true; readonly user: TabUser } | { readonly ok: false; readonly why: string };

export interface TabTokenOptions {
  readonly audiences: readonly string[];
  readonly allowedTenants: readonly string[];
  readonly keysUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A checker holding Entra's key set (fetched when first needed, refreshed when a new key id appears). */
export function tabTokenChecker(options: TabTokenOptions): (token: string) => Promise<TabTokenResult> {
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.keysUrl), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
  });
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  return async (token) => {
    if (!options.audiences.length) return { ok: false, why: 'the tab is not configured (no app id)' };
    try {
      const { payload } = await jwtVerify(token, keys, {
        audience: [...options.audiences],
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'iat', 'tid', 'iss'],
      });
      const claim = (name: string) => (typeof payload[name] === 'string' ? payload[name] : '');
      const tid = claim('tid').toLowerCase();
      if (!GUID.test(tid) || !allowed.has(tid)) return { ok: false, why: 'tenant not allowed' };
      if (payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`)
        return { ok: false, why: 'issuer is not Entra v2 for the token tenant' };
      const upn = (claim('preferred_username') || claim('upn')).toLowerCase();
      const oid = claim('oid');
      if (!upn.includes('@')) return { ok: false, why: 'no user name in the token' };
      return { ok: true, user: { upn, aadObjectId: oid, tenantId: tid } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, why: 'token expired' };
      if (error instanceof errors.JWTClaimValidationFailed)
        return { ok: false, why: `claim ${error.claim} refused` };
      if (error instanceof errors.JOSEError) return { ok: false, why: error.code };
      return { ok: false, why: 'token could not be checked' };
    }
  };
}
