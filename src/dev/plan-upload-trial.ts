/**
 * The plan upload in the local trial. The Agents Playground has no OneDrive, so it cannot attach a file
 * as Teams does; it can send any activity ("Mock an Activity"). This serves the sample workbook on
 * 127.0.0.1 and writes the message Teams would send with it attached (a `file.download.info` attachment)
 * to `<data dir>/playground-plan-upload.json`, for the Playground to send.
 */
import express from 'express';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';

export interface UploadTrial {
  /** The activity file to send through the Playground. */
  readonly activityFile: string;
  stop(): Promise<void>;
}

interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string; aadObjectId: string };
  personalChat: { id: string };
}

export async function startUploadTrial(options: {
  workbook: string;
  dataDir: string;
  playgroundUrl: string;
  service: string;
}): Promise<UploadTrial> {
  const app = express();
  app.get('/files/plan.xlsx', (_req, res) => {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(readFileSync(options.workbook));
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const files = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/files`;
  const { config } = (await (await fetch(`${options.playgroundUrl}/_internal/v1/config`)).json()) as {
    config: PlaygroundConfig;
  };
  const activity = {
    type: 'message',
    id: 'trial-plan-upload',
    text: `for ${options.service}`,
    channelId: 'msteams',
    serviceUrl: `${options.playgroundUrl}/_connector`,
    from: {
      id: config.currentUser.id,
      name: config.currentUser.name,
      aadObjectId: config.currentUser.aadObjectId,
    },
    recipient: { id: config.bot.id, name: config.bot.name },
    conversation: { id: config.personalChat.id, conversationType: 'personal', tenantId: config.tenantId },
    channelData: { tenant: { id: config.tenantId } },
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'plan.xlsx',
        content: { downloadUrl: `${files}/plan.xlsx`, uniqueId: 'trial-plan', fileType: 'xlsx' },
      },
    ],
  };
  const activityFile = join(options.dataDir, 'playground-plan-upload.json');
  writeFileSync(activityFile, `${JSON.stringify(activity, null, 2)}\n`);
  return {
    activityFile,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
