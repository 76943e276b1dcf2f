/**
 * `report 2016/17 Q1` in chat: the committee report as files, through Teams' file consent flow. The bot
 * sends a consent card per file (HTML for the committee paper, CSV for Excel); when the person accepts,
 * Teams gives an upload URL in a `fileConsent/invoke`; the bot PUTs the bytes there and posts the file
 * info card. Declined: answered politely, nothing retried. Typed in a channel (or pressed on the published
 * digest), the consent cards go to the person's 1:1 chat: files can only be offered there.
 */
import { TurnContext } from 'botbuilder';
import { messageCard } from '../cards/message-card';
import { z } from 'zod';
import { YEAR_KEY, committeeReport, type CommitteeReport } from '../app/digest/committee-report';
import { quarterWorkbook, yearWorkbook } from '../report/xlsx-report';
import type { Actor } from '../app/ports';
import { NotAuthorisedError } from '../domain/errors';
import { renderYearReport } from '../report/year-report';
import { isPersonal } from './identity';
import {
  CYCLE_KEY,
  financialYearLabel,
  formatQuarter,
  parseQuarter,
  parseQuarterKey,
  quarterKey,
} from '../domain/quarter';
import { quarterIn } from '../domain/service';
import { renderReport } from '../report/report';
import { cardService } from './service-choice';
import { say } from './replies';
import { hostOf, mayUploadTo } from './upload-hosts';
import { actorOf, type BotDeps, type Caller } from './deps';

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

const FORMATS = {
  html: { what: 'for the committee paper (opens in a browser; print or save as PDF)', type: 'text/html' },
  csv: { what: 'for any spreadsheet: one row per activity and KPI', type: 'text/csv' },
  xlsx: {
    what: 'the Excel committee pack: a sheet per outcome and one for KPIs, with the trend',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
} as const;
type FileFormat = keyof typeof FORMATS;

/** What a consent card carries back to the bot (Teams echoes it in the invoke). */
const consentContext = z.object({
  kind: z.literal('report'),
  // A quarter (`2016-17-Q1`), or a year (`2016-17`) or half year (`2016-17-H1`) for the year-end report.
  quarter: z.string().regex(new RegExp(`${CYCLE_KEY.source}|${YEAR_KEY.source}`)),
  format: z.enum(['html', 'csv', 'xlsx']),
  service: z.string().max(40).default(''),
});

const consentInvoke = z.object({
  type: z.literal('fileUpload').optional(),
  action: z.enum(['accept', 'decline']),
  context: consentContext,
  uploadInfo: z
    .object({
      name: z.string().max(300),
      uploadUrl: z.string().url(),
      contentUrl: z.string().url(),
      uniqueId: z.string().max(200),
      fileType: z.string().max(20),
    })
    .optional(),
});

/** `report 2016/17` (year end) or `report 2016/17 half` (mid-year), as typed. */
const TYPED_YEAR = /^(\d{4})\/(\d{2})(?:\s+(half|mid-?year|h1))?$/i;

/** What a report key reads as: `2016/17 Q1`, `2016/17 year end` or `2016/17 mid-year`. */
function labelOf(key: string): string {
  if (!YEAR_KEY.test(key)) return formatQuarter(parseQuarterKey(key));
  const year = financialYearLabel(Number(key.slice(0, 4)));
  return key.endsWith('-H1') ? `${year} mid-year` : `${year} year end`;
}

interface ReportFile {
  readonly format: FileFormat;
  readonly name: string;
  readonly bytes: Buffer;
}

/** The report (a quarter's, or a year's) in each format asked for: compiled once for all of them. */
async function reportFiles(
  services: BotDeps,
  actor: Actor,
  key: string,
  formats: readonly FileFormat[],
): Promise<ReportFile[]> {
  const report = await committeeReport(services, { actor, key, withTrend: formats.includes('xlsx') });
  if (!report) return [];
  const title = quarterIn(services.service, `${labelOf(key)} committee report`).replace(
    /[\\/:*?"<>|]+/g,
    '-',
  );
  return Promise.all(
    formats.map(async (format) => ({
      format,
      name: `${title.replace(/\s+/g, ' ')}.${format}`,
      bytes: await render(report, format, services.zone),
    })),
  );
}

async function render(report: CommitteeReport, format: FileFormat, zone: string): Promise<Buffer> {
  if (format === 'xlsx') {
    if (report.kind === 'year') return yearWorkbook(report.year);
    const trend = report.trend;
    return quarterWorkbook(report.digest, {
      labels: trend?.labels ?? [],
      ratings: (kind, id) =>
        trend?.ratings.get(`${kind}|${id}`) ?? (trend?.labels ?? []).map(() => undefined),
    });
  }
  const text =
    report.kind === 'year'
      ? renderYearReport(report.year, format)
      : renderReport(report.digest, format, zone);
  // Excel reads UTF-8 CSV correctly (£, accented names) only with a byte-order mark.
  return Buffer.from(format === 'csv' && !text.startsWith('\ufeff') ? `\ufeff${text}` : text, 'utf8');
}

/** `report [quarter]`: a consent card per file, in the person's 1:1 chat. */
export async function reportCommand(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const { text } = context.activity;
  const actor = actorOf(services, caller);
  const typed = text.replace(/^\s*report\s*/i, '').trim();
  const year = TYPED_YEAR.exec(typed);
  if (year) {
    const key = `${year[1]}-${year[2]}${year[3] ? '-H1' : ''}`;
    const files = await reportFiles(services, actor, key, Object.keys(FORMATS) as FileFormat[]);
    if (!files.length) {
      await say(context, 'No report', [
        `No quarter of ${year[1]}/${year[2]} was opened, so there is no report.`,
      ]);
      return;
    }
    return offerFiles(services, context, caller, key, files);
  }
  const cycle = typed
    ? await services.cycles.get(quarterKey(parseQuarter(typed)))
    : await services.cycles.current();
  if (!cycle) {
    await say(context, 'No report', [
      typed
        ? `${quarterIn(services.service, formatQuarter(parseQuarter(typed)))} was never opened, so there is no report. Type "report" with a quarter that was, e.g. "report 2016/17 Q1".`
        : 'No quarter is open. Type "report" with the quarter you want, e.g. "report 2016/17 Q1".',
    ]);
    return;
  }
  const files = await reportFiles(services, actor, cycle.key, Object.keys(FORMATS) as FileFormat[]);
  await offerFiles(services, context, caller, cycle.key, files);
}

/** A consent card per file, in the person's 1:1 chat (typed in a channel, sent there instead). */
async function offerFiles(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
  key: string,
  files: { format: FileFormat; name: string; bytes: Buffer }[],
): Promise<void> {
  const attachments = files.map((file) => {
    const offer = {
      kind: 'report',
      quarter: key,
      format: file.format,
      service: services.service?.key ?? '',
    };
    return {
      contentType: FILE_CONSENT,
      name: file.name,
      content: {
        description: `The ${quarterIn(services.service, labelOf(key))} committee report, ${FORMATS[file.format].what}.`,
        sizeInBytes: file.bytes.length,
        acceptContext: offer,
        declineContext: offer,
      },
    };
  });
  if (isPersonal(context)) {
    for (const attachment of attachments) await context.sendActivity({ attachments: [attachment] });
    return;
  }
  // In a channel: files are offered in the 1:1 chat.
  const person = await services.people.get(caller.upn);
  const sent = person?.conversation
    ? await Promise.all(
        attachments.map((a) => services.messenger.send(person.conversation, { attachment: a })),
      )
    : [];
  await say(
    context,
    'Committee report',
    sent.length && sent.every((r) => r.outcome === 'sent')
      ? [`${caller.upn}: the report files are waiting for you in your 1:1 chat with RAG Chaser.`]
      : [
          `${caller.upn}: files can only be offered in your 1:1 chat with RAG Chaser. Open it and type "report ${labelOf(key).replace(/ (year end|mid-year)$/, (m) => (m === ' mid-year' ? ' half' : ''))}".`,
        ],
  );
}

/** The answer to a consent card: upload the file on accept, say so on decline. */
export async function fileConsent(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const parsed = consentInvoke.safeParse(context.activity.value);
  if (!parsed.success) {
    await say(context, 'Not sent', [
      'That file offer is out of date. Type "report 2016/17 Q1" for a fresh one.',
    ]);
    return;
  }
  const { action, context: offer, uploadInfo } = parsed.data;
  const label = labelOf(offer.quarter);
  if (action === 'decline') {
    await say(context, 'Not sent', [
      `You declined the ${offer.format.toUpperCase()} report for ${label}; nothing was uploaded. Type "report ${label}" whenever you want it.`,
    ]);
    return;
  }
  const scoped = await cardService(services, caller, { service: offer.service });
  if (!uploadInfo) {
    await say(context, 'Not sent', ['That file offer did not come from Teams. Type "report" again.']);
    return;
  }
  if (!mayUploadTo(uploadInfo.uploadUrl, services.config.localMode)) {
    services.log.warn(
      { host: hostOf(uploadInfo.uploadUrl) },
      'file consent named an upload host that is not OneDrive',
    );
    await say(context, 'Not sent', ['That file offer did not come from Teams. Type "report" again.']);
    return;
  }
  let file: ReportFile | undefined;
  try {
    const actor = actorOf(scoped.services, scoped.caller);
    [file] = await reportFiles(scoped.services, actor, offer.quarter, [offer.format]);
  } catch (error) {
    if (!(error instanceof NotAuthorisedError)) throw error;
    await say(context, 'Not sent', [error.message]);
    return;
  }
  // Teams waits only a few seconds for the invoke's answer: answer now, upload and post the file after.
  const conversation = JSON.stringify(TurnContext.getConversationReference(context.activity));
  const upload = { ...uploadInfo, conversation, format: offer.format, quarter: offer.quarter, label };
  void uploadReport(scoped.services, upload, file).catch((error: unknown) =>
    services.log.error({ err: error }, 'report upload failed unexpectedly'),
  );
}

/** PUTs the report to the upload session (no redirect followed) and posts the file card, or says it failed. */
async function uploadReport(
  services: BotDeps,
  upload: NonNullable<z.infer<typeof consentInvoke>['uploadInfo']> & {
    conversation: string;
    format: FileFormat;
    quarter: string;
    label: string;
  },
  file: ReportFile | undefined,
): Promise<void> {
  const tell = (lines: string[]) =>
    services.messenger.send(upload.conversation, { card: messageCard({ title: 'Not sent', lines }) });
  if (!file) {
    await tell([`There is no ${upload.label} any more, so there is no report.`]);
    return;
  }
  const put = await fetch(upload.uploadUrl, {
    method: 'PUT',
    redirect: 'error',
    headers: {
      'content-type': FORMATS[upload.format].type,
      'content-length': String(file.bytes.length),
      'content-range': `bytes 0-${file.bytes.length - 1}/${file.bytes.length}`,
    },
    body: file.bytes,
    signal: AbortSignal.timeout(30_000),
  }).catch((error: unknown) => ({ ok: false, status: 0, error }));
  if (!put.ok) {
    services.log.warn({ status: put.status }, 'report upload to OneDrive failed');
    await tell([
      `The ${upload.format.toUpperCase()} report could not be uploaded to your OneDrive just now. Type "report ${upload.label}" to try again.`,
    ]);
    return;
  }
  await services.messenger.send(upload.conversation, {
    attachment: {
      contentType: FILE_INFO,
      contentUrl: upload.contentUrl,
      name: upload.name,
      content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
    },
  });
}
