/** One Microsoft Graph v1.0 request with the bot's token, answered as status, error code and body. */
import { assertListed } from './graph-permissions';
import { parseRetryAfter } from './retry-policy';

/** A Graph token for the bot's identity; undefined in local mode (the stand-ins ask for none). */
export type GraphToken = () => Promise<string | undefined>;

export interface GraphAnswer {
  /** 0 = no answer, or no token (then `code` starts with `token:`). */
  readonly status: number;
  /** Graph's `error.code`, or what went wrong before an answer. */
  readonly code: string;
  readonly retryAfterMs?: number | undefined;
  readonly body?: unknown;
}

export async function graphRequest(
  endpoint: string,
  token: GraphToken,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<GraphAnswer> {
  assertListed(method, path);
  let bearer: string | undefined;
  try {
    bearer = await token();
  } catch (error) {
    return { status: 0, code: `token: ${error instanceof Error ? error.message.slice(0, 100) : 'unknown'}` };
  }
  const response = await fetch(`${endpoint}/v1.0${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(20_000),
  }).catch(() => undefined);
  if (!response) return { status: 0, code: 'no answer' };
  // Some answers have no body (an install's 201, sendMail's 202).
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const code = (parsed as { error?: { code?: string } } | undefined)?.error?.code ?? '';
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  return { status: response.status, code, retryAfterMs, body: parsed };
}
