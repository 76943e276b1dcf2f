/**
 * A plan sent as files in the 1:1 chat (Teams delivers each as a `file.download.info` attachment with a
 * short-lived download URL). Service managers get a preview card with Import / Cancel; anyone else is told
 * who can. Import fetches the same files again and applies them only if they are the ones previewed.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { applyUpload, previewUpload, type UploadFile } from '../app/plan-upload';
import { managersOf } from '../app/services';
import { planPreviewCard, planProblemsCard } from '../cards/plan-preview-card';
import { ConflictError, ValidationError } from '../domain/errors';
import { echo } from '../domain/echo';
import { serviceKeySchema } from '../domain/service';
import { cardService, directoryOf, inService } from './service-choice';
import { say, sendCards } from './replies';
import type { BotServices, Caller } from './services';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
/** The largest plan file taken (a plan of 10,000 activities is about 3 MB as CSV). */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

const fileAttachment = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(255),
  content: z.object({ downloadUrl: z.string().url(), fileType: z.string().max(20).optional() }),
});

export function hasFiles(context: TurnContext): boolean {
  return (context.activity.attachments ?? []).some((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** Fetches one file from Teams; a problem is said to the person, as a ValidationError. */
export async function download(
  name: string,
  url: string,
  options: { timeoutMs: number; httpsOnly: boolean },
): Promise<UploadFile> {
  const again = `Send ${echo(name)} again (Teams' link to it may have expired).`;
  // Teams' download links are HTTPS; anything else (a forged card, an internal address) is not fetched.
  if (options.httpsOnly && !url.startsWith('https://'))
    throw new ValidationError(`${echo(name)} did not come from Teams. Send it again.`);
  const timeoutMs = options.timeoutMs;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new ValidationError(`${echo(name)} could not be fetched from Teams in time. ${again}`);
  }
  if (!response.ok)
    throw new ValidationError(
      `${echo(name)} could not be fetched from Teams (HTTP ${response.status}). ${again}`,
    );
  const length = Number(response.headers.get('content-length') ?? '0');
  const tooBig = `${echo(name)} is over ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB: that is not a plan file. Send the activities (and KPIs) as .xlsx or .csv.`;
  if (length > MAX_PLAN_FILE_BYTES) {
    await response.body?.cancel();
    throw new ValidationError(tooBig);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_PLAN_FILE_BYTES) throw new ValidationError(tooBig);
  return { name, bytes };
}

const fetchOptions = (services: BotServices) => ({
  timeoutMs: services.config.fileDownloadTimeoutMs,
  httpsOnly: !services.config.localMode,
});

/** The files of the message: only .csv and .xlsx are a plan; anything else is refused by name. */
function planFiles(context: TurnContext): { name: string; url: string }[] {
  const files = (context.activity.attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
  const out: { name: string; url: string }[] = [];
  for (const raw of files) {
    const file = fileAttachment.safeParse(raw);
    if (!file.success) throw new ValidationError('A file arrived damaged. Send it again.');
    const type = (file.data.content.fileType ?? file.data.name.split('.').pop() ?? '').toLowerCase();
    if (!['csv', 'xlsx'].includes(type))
      throw new ValidationError(
        `${echo(file.data.name)} is not a plan file. Send the plan as an Excel workbook (.xlsx, activities and KPIs sheets) or as CSV files (activities.csv, kpis.csv).`,
      );
    out.push({ name: file.data.name, url: file.data.content.downloadUrl });
  }
  if (out.length > 3) throw new ValidationError('Send at most three files: the activities and the KPIs.');
  return out;
}

/** A message with files: the preview of what importing them would do. */
export async function planUpload(services: BotServices, context: TurnContext, caller: Caller): Promise<void> {
  const dir = await directoryOf(services);
  const named = /\bfor\s+([a-z0-9][a-z0-9-]{0,39})\b/i.exec(context.activity.text || '')?.[1]?.toLowerCase();
  const mine = dir.active.filter((s) => caller.lead || caller.managerOf.includes(s.key));
  const service = named ? mine.find((s) => s.key === named) : mine.length === 1 ? mine[0] : undefined;
  if (mine.length === 0 || (named && !service)) {
    const who = dir.active.flatMap((s) => managersOf(s, services.config.serviceManagers)).slice(0, 5);
    await say(context, 'Not allowed', [
      `Only service managers can load a plan${named ? ` for ${echo(named)}` : ''}.${who.length ? ` Send it to ${[...new Set(who)].join(', ')}, or ask one of them to grant you the role.` : ' IT can name service managers in SERVICE_MANAGERS.'}`,
    ]);
    return;
  }
  if (!service) {
    await say(context, 'Which service?', [
      `You manage ${mine.length} services. Send the files again with the service in the message, e.g. "for ${mine[0]?.key ?? 'lra'}". The services: ${mine.map((s) => `${s.key} (${s.name})`).join(', ')}.`,
    ]);
    return;
  }
  const scoped = inService(services, dir, service);
  const sources = planFiles(context);
  const files = await Promise.all(sources.map((f) => download(f.name, f.url, fetchOptions(services))));
  try {
    const preview = await previewUpload(scoped, files, services.clock());
    const title = scoped.service?.shown ? service.name : preview.planName;
    await sendCards(context, [planPreviewCard({ preview, title, service: service.key, sources })]);
  } catch (error) {
    if (!(error instanceof ValidationError) || error.problems.length <= 1) throw error;
    await sendCards(context, [planProblemsCard(error.problems, error.message)]);
  }
}

const importData = z.object({
  upload: z.string().regex(/^up-[\w-]{1,60}$/),
  service: z.union([z.literal(''), serviceKeySchema]),
  plan: z.string().max(40),
  files: z
    .array(
      z.object({
        name: z.string().max(255),
        url: z.string().url(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1)
    .max(3),
});

/** Import on the preview card: the same files, fetched again, applied only if nothing changed. */
export async function importUpload(
  services: BotServices,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const data = importData.safeParse(context.activity.value);
  if (!data.success) {
    await say(context, 'Not imported', ['This preview is out of date or damaged: send the plan file again.']);
    return;
  }
  const scoped = await cardService(services, caller, { service: data.data.service });
  if (!scoped.caller.serviceManager) {
    await say(context, 'Not allowed', ['Only service managers can load a plan.']);
    return;
  }
  const files = await Promise.all(
    data.data.files.map((f) => download(f.name, f.url, fetchOptions(services))),
  );
  try {
    const result = await applyUpload(scoped.services, {
      id: data.data.upload,
      files,
      expected: { files: data.data.files, planFingerprint: data.data.plan },
      now: services.clock(),
    });
    const c = result.change;
    services.log.info(
      { by: caller.upn, service: data.data.service, upload: data.data.upload },
      'plan imported from chat',
    );
    await say(context, result.written ? 'Plan imported' : 'Nothing to import', [
      result.written
        ? `${c.added.activities.length + c.added.measures.length} added, ${c.updated.activities.length + c.updated.measures.length} changed, ${c.retired.activities.length + c.retired.measures.length} retired (kept for past quarters). An open quarter's cards follow the new plan.`
        : 'The plan already matches these files.',
    ]);
  } catch (error) {
    if (error instanceof ConflictError)
      await say(context, 'Not imported: the preview is stale', [error.message]);
    else throw error;
  }
}

export async function cancelUpload(_services: BotServices, context: TurnContext): Promise<void> {
  await say(context, 'Cancelled', [
    'Nothing was imported. Send the plan files again whenever you are ready.',
  ]);
}
