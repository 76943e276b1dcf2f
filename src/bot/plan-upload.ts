/**
 * A plan sent as files in the 1:1 chat (Teams delivers each as a `file.download.info` attachment with a
 * short-lived download URL). Service managers get a preview card with Import / Cancel; anyone else is told
 * who can. Import fetches the same files again and applies them only if they are the ones previewed.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { applyUpload, previewUpload, type Download } from '../app/plan/plan-upload';
import { download } from './file-download';
import { managersOf } from '../app/council/services';
import { planPreviewCard, planProblemsCard } from '../cards/plan-preview-card';
import { ConflictError, ValidationError } from '../domain/errors';
import { echo } from '../domain/echo';
import { serviceKeySchema } from '../domain/service';
import { callerIn, cardService, directoryOf, inService } from './service-choice';
import { say, sendCards } from './replies';
import { readTablesInChild } from '../jobs/table-process';
import { actorOf, type BotDeps, type Caller } from './deps';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const fileAttachment = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(255),
  content: z.object({ downloadUrl: z.string().url().max(4000), fileType: z.string().max(20).optional() }),
});

/** Attachments as they arrived: anything that is not a list of objects counts as none. */
function attachmentsOf(context: TurnContext): Record<string, unknown>[] {
  const raw: unknown = context.activity.attachments;
  return Array.isArray(raw)
    ? raw.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    : [];
}

export function hasFiles(context: TurnContext): boolean {
  return attachmentsOf(context).some((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** Fetches the files of an upload from Teams, each at most once at a time. */
const downloader =
  (services: BotDeps): Download =>
  (sources) =>
    Promise.all(
      sources.map((f) =>
        download(f.name, f.url, {
          timeoutMs: services.config.fileDownloadTimeoutMs,
          httpsOnly: !services.config.localMode,
          onProblem: (problem) => services.log.warn(problem, 'a plan file could not be fetched from Teams'),
        }),
      ),
    );

/** The files of the message: only .csv and .xlsx are a plan; anything else is refused by name. */
function planFiles(context: TurnContext): { name: string; url: string }[] {
  const files = attachmentsOf(context).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
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
export async function planUpload(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
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
  try {
    const preview = await previewUpload(
      scoped,
      { sources, actor: actorOf(scoped, callerIn(caller, service)), now: services.clock() },
      downloader(services),
      readTablesInChild,
    );
    const title = scoped.service?.shown ? service.name : preview.planName;
    await sendCards(context, [planPreviewCard({ preview, title, service: service.key })]);
  } catch (error) {
    if (!(error instanceof ValidationError) || error.problems.length <= 1) throw error;
    await sendCards(context, [planProblemsCard(error.problems, error.message)]);
  }
}

/** The Import button names the preview and its service; what to fetch is the server's own record. */
const importData = z.object({
  upload: z.string().regex(/^up-[\w-]{1,60}$/),
  service: z.union([z.literal(''), serviceKeySchema]),
});

/** Import on the preview card: the same files, fetched again, applied only if nothing changed. */
export async function importUpload(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const data = importData.safeParse(context.activity.value);
  if (!data.success) {
    await say(context, 'Not imported', ['This preview is out of date or damaged: send the plan file again.']);
    return;
  }
  const scoped = await cardService(services, caller, { service: data.data.service });
  try {
    const result = await applyUpload(
      scoped.services,
      { actor: actorOf(scoped.services, scoped.caller), id: data.data.upload, now: services.clock() },
      downloader(services),
      readTablesInChild,
    );
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

export async function cancelUpload(_services: BotDeps, context: TurnContext): Promise<void> {
  await say(context, 'Cancelled', [
    'Nothing was imported. Send the plan files again whenever you are ready.',
  ]);
}
