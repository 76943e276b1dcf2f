/**
 * Fetching a plan file from a host that cannot be trusted: only HTTPS outside local mode, no redirect
 * followed (to http://, to another port), no gzip body inflated, bytes counted as they stream whatever the
 * length says, and the host's status never echoed to the person; and the file consent uploads only to
 * OneDrive/SharePoint.
 */
import { download, MAX_PLAN_FILE_BYTES } from '../../src/bot/file-download';
import { gzipSync } from 'node:zlib';
import { mayUploadTo } from '../../src/bot/upload-hosts';
import { FileStub } from '../support/file-stub';

const failure = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => new Error('fetched, but should have been refused'),
    (e: unknown) => e as Error,
  );

describe('plan file download', () => {
  const files = new FileStub();
  const other = new FileStub();
  const local = { timeoutMs: 5000, httpsOnly: false };
  beforeAll(async () => {
    await files.start();
    await other.start();
  });
  afterAll(async () => {
    await files.stop();
    await other.stop();
  });

  it('refuses a non-HTTPS link outside local mode; fetches it in local mode', async () => {
    const url = files.serve('activities.csv', Buffer.from('activity_id\n'));
    await expect(download('activities.csv', url, { timeoutMs: 2000, httpsOnly: true })).rejects.toThrow(
      /did not come from Teams/,
    );
    const fetched = await download('activities.csv', url, local);
    expect(Buffer.from(fetched.bytes).toString()).toBe('activity_id\n');
    await expect(download('a.csv', 'file:///etc/passwd', local)).rejects.toThrow(/did not come from Teams/);
  });

  it.each([301, 302, 307, 308])('follows no %s redirect (to another port, over http)', async (status) => {
    const target = other.serve('secret', Buffer.from('internal'));
    const before = other.requests.length;
    const problems: { status?: number; reason: string }[] = [];
    const url = files.serve(`r${status}`, Buffer.alloc(0), { redirectTo: target, redirectStatus: status });
    const error = await failure(download('plan.csv', url, { ...local, onProblem: (p) => problems.push(p) }));
    expect(error.message).toMatch(/could not be fetched from Teams\. Send plan\.csv again/);
    expect(other.requests.length).toBe(before);
    expect(problems).toHaveLength(1);
  });

  it('never tells the person what the host answered (no status to probe with)', async () => {
    const problems: { status?: number }[] = [];
    for (const status of [401, 403, 404, 500, 502]) {
      const url = files.serve(`s${status}`, Buffer.alloc(0), { status });
      const error = await failure(
        download('plan.csv', url, { ...local, onProblem: (p) => problems.push(p) }),
      );
      expect(error.message).not.toMatch(/\d{3}/);
    }
    expect(problems.map((p) => p.status)).toEqual([401, 403, 404, 500, 502]);
  });

  it('reads no gzip body, counts streamed bytes with no length, and takes a short length as the end', async () => {
    const bomb = files.serve('gz', Buffer.alloc(50 * 1024 * 1024), { gzip: true });
    expect(gzipSync(Buffer.alloc(50 * 1024 * 1024)).length).toBeLessThan(100_000);
    await expect(download('plan.csv', bomb, local)).rejects.toThrow(/could not be fetched/);
    const endless = files.serve('chunked', Buffer.alloc(0), {
      chunked: MAX_PLAN_FILE_BYTES + 5 * 1024 * 1024,
    });
    await expect(download('plan.csv', endless, local)).rejects.toThrow(/over 20 MB/);
    const small = files.serve('chunked-small', Buffer.alloc(0), { chunked: 2 * 1024 * 1024 });
    expect((await download('plan.csv', small, local)).bytes.length).toBe(2 * 1024 * 1024);
    const short = files.serve('short', Buffer.from('activity_id,outcome\nA,o\n'), { claimLength: 11 });
    expect(Buffer.from((await download('plan.csv', short, local)).bytes).toString()).toBe('activity_id');
  });
});

describe('file consent upload hosts', () => {
  it('only OneDrive/SharePoint over HTTPS; loopback only in local mode', () => {
    const ok = 'https://contoso-my.sharepoint.com/personal/x/_api/v2.0/drive/upload?tempauth=a';
    expect(mayUploadTo(ok, false)).toBe(true);
    expect(mayUploadTo('https://contoso.sharepoint.us/upload', false)).toBe(true);
    for (const bad of [
      'http://contoso-my.sharepoint.com/upload',
      'https://sharepoint.com.evil.example/upload',
      'https://evilsharepoint.com/upload',
      'https://169.254.169.254/metadata',
      'http://127.0.0.1:8080/upload',
      'not a url',
    ])
      expect(mayUploadTo(bad, false)).toBe(false);
    expect(mayUploadTo('http://127.0.0.1:8080/upload', true)).toBe(true);
    expect(mayUploadTo('http://10.0.0.5/upload', true)).toBe(false);
  });
});
