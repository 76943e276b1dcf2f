/** `--service`, `rag-chaser service list | retire`, and `report --council`. */
import { loadCouncil } from '../app/digest/council';
import { chooseService, createService, listServices, retireService } from '../app/council/services';
import { ValidationError } from '../domain/errors';
import { quarterKey, type Quarter } from '../domain/quarter';
import { isActive, serviceChoices, serviceKeySchema, serviceNameSchema } from '../domain/service';
import { renderCouncilReport } from '../report/council-report';
import type { ReportFormat } from '../report/report';
import { serviceRuntime, type Runtime } from '../runtime';
import { echo } from '../domain/echo';
import type { Output } from './output';
import { writeReport } from './report-output';

export function serviceKeyOption(text: string): string {
  const key = serviceKeySchema.safeParse(text);
  if (!key.success)
    throw new ValidationError(`--service "${echo(text)}": ${key.error.issues[0]?.message ?? ''}.`);
  return key.data;
}

export function serviceNameOption(text: string): string {
  const name = serviceNameSchema.safeParse(text);
  if (!name.success) throw new ValidationError(`--name: ${name.error.issues[0]?.message ?? ''}.`);
  return name.data;
}

export interface ServiceScope {
  readonly key?: string | undefined;
  /** plan import: create the service when it does not exist, with this name. */
  readonly create?: { readonly name?: string | undefined } | undefined;
  /** Reports and status may name a retired service (its past quarters). */
  readonly retired?: boolean | undefined;
}

/** The runtime of the service a command is for; the base one before any service exists. */
export async function scopedRuntime(
  rt: Runtime,
  out: Output,
  scope: ServiceScope,
  now: string,
): Promise<Runtime> {
  const all = await listServices(rt.space, now);
  if (scope.key !== undefined && scope.create && !all.some((s) => s.key === scope.key)) {
    if (!scope.create.name)
      throw new ValidationError(
        `There is no service "${scope.key}"${all.length ? ` (the services are: ${serviceChoices(all.filter(isActive))})` : ''}. To create it, give its name: --service ${scope.key} --name "<service name>". Nothing was imported.`,
      );
    const created = await createService(rt.space, { key: scope.key, name: scope.create.name, now });
    out.error(`Created the service ${created.key} (${created.name}).`);
  }
  const choice = await chooseService(rt.space, scope.key, now, { retired: scope.retired });
  if (choice.kind === 'none') return rt;
  if (choice.kind === 'several')
    throw new ValidationError(
      `This deployment runs ${choice.choices.length} services: say which with --service <key>. The services are: ${serviceChoices(choice.choices)}.`,
    );
  if (choice.all.filter(isActive).length > 1 || scope.key !== undefined)
    out.error(`Service: ${choice.service.key} (${choice.service.name}).`);
  return serviceRuntime(rt, choice.service, choice.all);
}

export async function serviceListCommand(
  rt: Runtime,
  out: Output,
  now: string,
  json?: boolean,
): Promise<void> {
  const all = await listServices(rt.space, now);
  if (json) {
    out.line(
      JSON.stringify(
        all.map(({ key, name, createdAt, retiredAt, managers }) => ({
          key,
          name,
          createdAt,
          retiredAt,
          managers,
        })),
        null,
        2,
      ),
    );
    return;
  }
  if (all.length === 0) {
    out.line(
      'No service yet: import a plan with rag-chaser plan import <file> --service <key> --name "<service name>".',
    );
    return;
  }
  for (const s of all)
    out.line(`${s.key}: ${s.name}${s.retiredAt ? ` (retired ${s.retiredAt.slice(0, 10)})` : ''}`);
}

export async function serviceRetireCommand(
  rt: Runtime,
  out: Output,
  key: string,
  now: string,
): Promise<void> {
  const retired = await retireService(rt.space, key, now);
  out.line(
    `Retired ${retired.key} (${retired.name}): no more quarters are opened or chased. Its past quarters stay and can still be reported with --service ${retired.key}.`,
  );
}

export async function councilReportCommand(
  rt: Runtime,
  out: Output,
  options: { quarter?: Quarter | undefined; format: ReportFormat; out?: string | undefined },
  now: string,
): Promise<void> {
  if (!options.quarter)
    throw new ValidationError('report --council needs --quarter, e.g. --quarter 2016/17-Q1.');
  const all = await listServices(rt.space, now);
  const summary = await loadCouncil(rt.space, all, quarterKey(options.quarter));
  if (summary.services.length === 0)
    throw new ValidationError(`No service has a ${summary.quarter}: nothing to report.`);
  const text = renderCouncilReport(summary, options.format);
  writeReport(out, options, text, `council report for ${summary.quarter}`);
}
