/** Maps Table Storage REST errors to the product's errors. */
import { RestError } from '@azure/data-tables';

export function statusOf(error: unknown): number | undefined {
  if (error instanceof RestError) return error.statusCode;
  const maybe = error as { statusCode?: unknown } | undefined;
  return typeof maybe?.statusCode === 'number' ? maybe.statusCode : undefined;
}

/** 409 (exists) or 412 (ETag changed): another writer got there first. */
export function isConflict(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** Storage could not be reached at all (connection refused or cut, DNS, timeout) or is overloaded. */
export function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 503 || status === 500) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    status === undefined &&
    typeof code === 'string' &&
    /^(REQUEST_SEND_ERROR|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code)
  );
}

const ROLE = 'Storage Table Data Contributor';

/**
 * Storage refused who we are, said as what to fix (the role to grant, the key to check, the sign-in to
 * make) rather than a stack trace; undefined for any other error.
 */
export function storageAccessProblem(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationRequiredError')
    return 'No Azure sign-in was found for TABLES_ENDPOINT: run "az login" on this machine (the app itself uses its managed identity), or set TABLES_CONNECTION_STRING.';
  const status = statusOf(error);
  if (status !== 401 && status !== 403) return undefined;
  const code = errorCode(error);
  const named = code ? ` ${code}` : '';
  if (code === 'AuthenticationFailed')
    return `Table Storage did not accept the credentials (${status}${named}): check the account name and key in TABLES_CONNECTION_STRING, or use TABLES_ENDPOINT with a role instead.`;
  return `Table Storage refused this identity (${status}${named}): it needs the "${ROLE}" role on the storage account. Grant it with: az role assignment create --role "${ROLE}" --assignee <your sign-in or the app's managed identity> --scope <the storage account's resource id>. A new role assignment can take a few minutes to apply.`;
}

/** Table Storage's error code: on the error, else its `x-ms-error-code` header, else its OData body. */
function errorCode(error: unknown): string {
  const e = error as
    | {
        code?: unknown;
        response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: string | null };
      }
    | undefined;
  if (typeof e?.code === 'string' && /^[A-Za-z]+$/.test(e.code)) return e.code;
  const header = e?.response?.headers?.get?.('x-ms-error-code');
  if (header) return header;
  return /"code"\s*:\s*"([A-Za-z]+)"/.exec(e?.response?.bodyAsText ?? '')?.[1] ?? '';
}
