/**
 * An admin runs the CLI with an identity Table Storage refuses: the answer names the role to grant (or the
 * key to check), never a stack trace. A stand-in on 127.0.0.1 answers as Table Storage does (403 with
 * its OData error body and `x-ms-error-code`).
 */
import { createServer, type Server } from 'node:http';
import { runCli } from '../support/cli';

const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

async function refusing(code: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json;odata=minimalmetadata', 'x-ms-error-code': code });
    res.end(
      JSON.stringify({
        'odata.error': {
          code,
          message: { lang: 'en-US', value: 'This request is not authorized to perform this operation.' },
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/devstoreaccount1` };
}

const envFor = (url: string) => ({
  TABLES_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};TableEndpoint=${url};`,
  TABLE_PREFIX: 'refused',
});

describe('the CLI when Table Storage refuses the identity', () => {
  it('a missing data role: says which role, and how to grant it; no stack trace; nothing else printed', async () => {
    const { server, url } = await refusing('AuthorizationPermissionMismatch');
    try {
      const result = await runCli(['status'], envFor(url));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/403 AuthorizationPermissionMismatch/);
      expect(result.stderr).toMatch(/"Storage Table Data Contributor" role/);
      expect(result.stderr).toMatch(/az role assignment create --role "Storage Table Data Contributor"/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    } finally {
      server.close();
    }
  }, 60_000);

  it('a wrong account key: says to check the key', async () => {
    const { server, url } = await refusing('AuthenticationFailed');
    try {
      const result = await runCli(['status'], envFor(url));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/did not accept the credentials \(403 AuthenticationFailed\)/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
    }
  }, 60_000);
});
