/**
 * Files as Teams hands them to a bot, on 127.0.0.1: a download URL for a file a person attached (Teams'
 * `file.download.info` gives a short-lived pre-authenticated URL), and an upload URL for a file the bot
 * offers (the `uploadUrl` of a file consent answer, a OneDrive upload session taking PUT with Content-Range).
 */
import express from 'express';
import type { Server } from 'node:http';
import { closeServer, listenLocal } from './listen';

export interface Upload {
  readonly name: string;
  readonly bytes: Buffer;
  readonly contentRange: string;
}

export class FileStub {
  readonly uploads: Upload[] = [];
  private readonly files = new Map<string, { bytes: Buffer; status?: number; delayMs?: number }>();
  private server?: Server;
  url = '';
  /** Answer for the next uploads (e.g. 500); undefined = 201. */
  uploadStatus: number | undefined;

  /** Serves `bytes` at `/files/<name>`; `status` answers with that instead; `delayMs` holds the answer. */
  serve(name: string, bytes: Buffer, options: { status?: number; delayMs?: number } = {}): string {
    this.files.set(name, { bytes, ...options });
    return `${this.url}/files/${encodeURIComponent(name)}`;
  }

  uploadUrl(name: string): string {
    return `${this.url}/upload/${encodeURIComponent(name)}`;
  }

  async start(): Promise<void> {
    const app = express();
    app.get('/files/:name', (req, res) => {
      const file = this.files.get(req.params.name);
      if (!file) return void res.status(404).end();
      setTimeout(() => {
        if (file.status) res.status(file.status).end();
        else res.type('application/octet-stream').send(file.bytes);
      }, file.delayMs ?? 0);
    });
    app.put('/upload/:name', express.raw({ type: () => true, limit: '50mb' }), (req, res) => {
      if (this.uploadStatus) return void res.status(this.uploadStatus).end();
      this.uploads.push({
        name: req.params.name,
        bytes: req.body as Buffer,
        contentRange: req.headers['content-range'] ?? '',
      });
      res.status(201).json({ id: 'drive-item-1', name: req.params.name });
    });
    ({ server: this.server, url: this.url } = await listenLocal(app));
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}
