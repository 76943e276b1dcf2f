/**
 * Application Insights' ingestion endpoint on 127.0.0.1: takes what the Azure Monitor exporter posts to
 * `<IngestionEndpoint>/v2.1/track` (a JSON array of envelopes, gzip or plain) and keeps the envelopes.
 * The exporter only speaks HTTPS, so this serves TLS with the test certificate in test/fixtures/tls; the
 * process under test trusts it through `NODE_EXTRA_CA_CERTS` (`trustEnv()`).
 */
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const TLS = join(__dirname, '..', 'fixtures', 'tls');

export interface Envelope {
  readonly name: string;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
}

export class IngestionStub {
  readonly envelopes: Envelope[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    const app = express();
    app.post(/\/track$/, express.raw({ type: () => true, limit: '20mb' }), (req, res) => {
      const raw = req.body as Buffer;
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const text = body.toString('utf8').trim();
      const items = (
        text.startsWith('[')
          ? (JSON.parse(text) as Envelope[])
          : text.split('\n').map((l) => JSON.parse(l) as Envelope)
      ).filter(Boolean);
      this.envelopes.push(...items);
      res.json({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] });
    });
    const server = createServer(
      { key: readFileSync(join(TLS, 'key.pem')), cert: readFileSync(join(TLS, 'cert.pem')) },
      app,
    );
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    this.url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }

  /** The environment a process needs to trust this endpoint. */
  trustEnv(): Record<string, string> {
    return { NODE_EXTRA_CA_CERTS: join(TLS, 'cert.pem') };
  }

  /** A connection string that sends everything here. */
  connectionString(): string {
    return `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${this.url}`;
  }

  of(baseType: string): Record<string, unknown>[] {
    return this.envelopes.filter((e) => e.data?.baseType === baseType).map((e) => e.data?.baseData ?? {});
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
