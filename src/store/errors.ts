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
