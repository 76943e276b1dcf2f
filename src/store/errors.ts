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
