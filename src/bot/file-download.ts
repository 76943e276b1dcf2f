/**
 * Fetching a file a person attached in chat, from the short-lived URL Teams gave in the activity (never a
 * URL from a card). A file host is not trusted: redirects are refused (a redirect to http:// or an internal
 * address is not followed), only identity-encoded bodies are read (a gzip body could inflate without
 * bound), the bytes are counted as they stream in whatever `content-length` says, and what the host
 * answered is logged, never shown (the reply must not tell a prober what is behind an address).
 */
import { ValidationError } from '../domain/errors';
import { echo } from '../domain/echo';
import type { UploadFile } from '../app/plan/plan-upload';

/** The largest plan file taken (a plan of 10,000 activities is about 3 MB as CSV). */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

export interface DownloadOptions {
  readonly timeoutMs: number;
  /** Outside local mode only https:// is fetched. */
  readonly httpsOnly: boolean;
  /** Told what the host answered when a file could not be fetched. */
  readonly onProblem?: (problem: { name: string; status?: number; reason: string }) => void;
}

const again = (name: string) => `Send ${echo(name)} again (Teams' link to it may have expired).`;
const tooBig = (name: string) =>
  new ValidationError(
    `${echo(name)} is over ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB: that is not a plan file. Send the activities (and KPIs) as .xlsx or .csv.`,
  );

/** Reads a body up to the limit, counting bytes as they arrive. */
async function readCapped(body: ReadableStream<Uint8Array>, name: string): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_PLAN_FILE_BYTES) {
      await reader.cancel();
      throw tooBig(name);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Fetches one file; a problem is said to the person as a ValidationError. */
export async function download(name: string, url: string, options: DownloadOptions): Promise<UploadFile> {
  const notFetched = (reason: string, status?: number) => {
    options.onProblem?.({ name, reason, ...(status === undefined ? {} : { status }) });
    return new ValidationError(`${echo(name)} could not be fetched from Teams. ${again(name)}`);
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw notFetched('not a URL');
  }
  if (parsed.protocol !== 'https:' && (options.httpsOnly || parsed.protocol !== 'http:'))
    throw new ValidationError(`${echo(name)} did not come from Teams. Send it again.`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(parsed, { redirect: 'error', headers: { 'accept-encoding': 'identity' }, signal });
  } catch (error) {
    if (signal.aborted)
      throw new ValidationError(`${echo(name)} could not be fetched from Teams in time. ${again(name)}`);
    throw notFetched(error instanceof Error ? error.message : 'fetch failed');
  }
  const discard = () => response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    await discard();
    throw notFetched('answered with an error', response.status);
  }
  const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    await discard();
    throw notFetched(`content-encoding ${encoding}`, response.status);
  }
  if (Number(response.headers.get('content-length') ?? '0') > MAX_PLAN_FILE_BYTES) {
    await discard();
    throw tooBig(name);
  }
  if (!response.body) return { name, bytes: new Uint8Array() };
  try {
    return { name, bytes: await readCapped(response.body, name) };
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    if (signal.aborted)
      throw new ValidationError(`${echo(name)} could not be fetched from Teams in time. ${again(name)}`);
    throw notFetched(error instanceof Error ? error.message : 'body failed');
  }
}
