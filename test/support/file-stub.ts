/**
 * Files as Teams hands them to a bot, on 127.0.0.1: a download URL for a file a person attached (Teams'
 * `file.download.info` gives a short-lived pre-authenticated URL), and an upload URL for a file the bot
 * offers (the `uploadUrl` of a file consent answer, a OneDrive upload session taking PUT with Content-Range).
 */
import express from 'express';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { closeServer, listenLocal } from './listen';

export interface Upload {
  readonly name: string;
  readonly bytes: Buffer;
  readonly contentRange: string;
}

export interface ServeOptions {
  /** Answer with this status instead of the file. */
  readonly status?: number;
  /** Hold the answer this long. */
  readonly delayMs?: number;
  /** Redirect there instead (302 unless `redirectStatus`). */
  readonly redirectTo?: string;
  readonly redirectStatus?: number;
  /** Send the bytes gzip-encoded. */
  readonly gzip?: boolean;
  /** Ignore the bytes: stream this many bytes with no content-length. */
  readonly chunked?: number;
  /** Claim this content-length (and send that many bytes of the file). */
  readonly claimLength?: number;
}

export class FileStub {
  readonly uploads: Upload[] = [];
  private readonly files = new Map<string, { bytes: Buffer } & ServeOptions>();
  /** The path of every request, in order: what the bot fetched. */
  readonly requests: string[] = [];
  private server?: Server;
  url = '';
  /** Answer for the next uploads (e.g. 500); undefined = 201. */
  uploadStatus: number | undefined;
  /** Hold each upload's answer this long (the bytes are recorded when the answer goes). */
  uploadDelayMs = 0;
  /** Redirect uploads there instead (307 keeps the method and body). */
  uploadRedirect: string | undefined;

  /** Serves `bytes` at `/files/<name>`, as a hostile host may (see ServeOptions). */
  serve(name: string, bytes: Buffer, options: ServeOptions = {}): string {
    this.files.set(name, { bytes, ...options });
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  uploadUrl(name: string): string {
    return `${this.url}/upload/${encodeURIComponent(name)}`;
  }

  async start(): Promise<void> {
    const app = express();
    app.use((req, _res, next) => {
      this.requests.push(req.path);
      next();
    });
    app.get('/files/:name', (req, res) => {
      const file = this.files.get(req.params.name);
      if (!file) return void res.status(404).end();
      setTimeout(() => {
        if (file.redirectTo) res.redirect(file.redirectStatus ?? 302, file.redirectTo);
        else if (file.status) res.status(file.status).end();
        else if (file.gzip) {
          res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
          res.end(gzipSync(file.bytes));
        } else if (file.chunked) {
          // No content-length: the body streams in chunks until it is done.
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(1024 * 1024, 0x61);
          let sent = 0;
          const more = () => {
            while (sent < file.chunked! && res.write(chunk)) sent += chunk.length;
            if (sent >= file.chunked!) res.end();
            else
              res.once('drain', () => {
                sent += chunk.length;
                more();
              });
          };
          more();
        } else if (file.claimLength !== undefined) {
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(file.claimLength) });
          res.end(file.bytes.subarray(0, file.claimLength));
        } else res.type('application/octet-stream').send(file.bytes);
      }, file.delayMs ?? 0);
    });
    app.put('/upload/:name', express.raw({ type: () => true, limit: '50mb' }), (req, res) => {
      if (this.uploadRedirect) {
        res.redirect(307, this.uploadRedirect);
        return;
      }
      if (this.uploadStatus) return void res.status(this.uploadStatus).end();
      setTimeout(() => {
        this.uploads.push({
          name: req.params.name,
          bytes: req.body as Buffer,
          contentRange: req.headers['content-range'] ?? '',
        });
        res.status(201).json({ id: 'drive-item-1', name: req.params.name });
      }, this.uploadDelayMs);
    });
    ({ server: this.server, url: this.url } = await listenLocal(app));
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}
