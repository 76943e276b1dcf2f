/** `rag-chaser report` (committee report) and `rag-chaser purge` (remove old quarters). */
import { purgeBefore } from '../app/cycle/purge';
import { loadDigest } from '../app/digest/digest';
import { NotFoundError, ValidationError } from '../domain/errors';
import { formatQuarter, quarterKey, type Quarter } from '../domain/quarter';
import { renderReport, type ReportFormat } from '../report/report';
import { writeReport, writeWorkbook } from './report-output';
import { quarterWorkbook, yearWorkbook } from '../report/xlsx-report';
import { quarterTrend } from '../app/digest/committee-report';
import { renderYearReport } from '../report/year-report';
import { loadYear } from '../app/digest/year-report';
import type { Runtime } from '../runtime';
import type { Output } from './output';
import { checkOutPath, choiceOption, quarterArgument, quarterOption, yearOption } from './arguments';
import type { Command } from 'commander';
import { councilReportCommand } from './service-commands';

/** The text formats, and the Excel committee pack. */
export type CliReportFormat = ReportFormat | 'xlsx';
export const REPORT_FORMATS: readonly CliReportFormat[] = ['md', 'csv', 'html', 'json', 'xlsx'];

export async function reportCommand(
  rt: Runtime,
  out: Output,
  options: { quarter?: Quarter | undefined; format: CliReportFormat; out?: string | undefined },
): Promise<void> {
  const cycle = options.quarter
    ? await rt.cycles.get(quarterKey(options.quarter))
    : (await rt.cycles.all()).at(-1);
  if (!cycle)
    throw new NotFoundError(
      options.quarter
        ? `There is no cycle for ${quarterArgument(options.quarter)}: it was never opened.`
        : 'No quarter has been opened yet, so there is nothing to report.',
    );
  const deps = {
    ...rt,
    zone: rt.config.timezone,
    serviceManagers: rt.config.serviceManagers,
    messenger: { send: () => Promise.reject(new Error('report sends nothing')) },
  };
  const digest = await loadDigest(deps, cycle);
  if (options.format === 'xlsx') {
    const trend = await quarterTrend(deps, cycle);
    const columns = {
      labels: trend.labels,
      ratings: (kind: 'activity' | 'kpi', id: string) =>
        trend.ratings.get(`${kind}|${id}`) ?? trend.labels.map(() => undefined),
    };
    writeWorkbook(out, options.out, await quarterWorkbook(digest, columns), `${cycle.label} committee pack`);
    return;
  }
  writeReport(
    out,
    { ...options, format: options.format },
    renderReport(digest, options.format, rt.config.timezone),
    `${cycle.label} report`,
  );
}

/** `report --year 2016/17 [--half]`: the year's quarters side by side, each read against its own version. */
export async function yearReportCommand(
  rt: Runtime,
  out: Output,
  options: { startYear: number; half: boolean; format: CliReportFormat; out?: string | undefined },
): Promise<void> {
  const year = await loadYear({ ...rt, zone: rt.config.timezone }, options.startYear, options.half);
  if (options.format === 'xlsx') {
    writeWorkbook(out, options.out, await yearWorkbook(year), `${year.title} committee pack`);
    return;
  }
  const text = renderYearReport(year, options.format);
  writeReport(out, { ...options, format: options.format }, text, `${year.title} report`);
}

/** Deletes every cycle before a quarter with its returns, history, outbox and digest rows. */
export async function purgeCommand(
  rt: Runtime,
  out: Output,
  options: { before: Quarter; dryRun?: boolean | undefined },
): Promise<void> {
  const purged = await purgeBefore(rt, { before: options.before, dryRun: options.dryRun ?? false });
  if (purged.length === 0) out.line(`Nothing before ${formatQuarter(options.before)}.`);
  for (const q of purged)
    out.line(
      `${options.dryRun ? 'Would delete' : 'Deleted'} ${q.label}: ${q.answers} returns (${q.returnRows} rows with history and cards), ${q.messages} outbox, ${q.digestRows} digests.`,
    );
}

type WithRuntime = (out: Output, work: (rt: Runtime) => Promise<void>, scope: false) => Promise<void>;
type InScope = (work: (rt: Runtime) => Promise<void>, scope?: { retired?: boolean }) => Promise<void>;

/** Adds `report` (a quarter, `--council`, or `--year [--half]`) to the program. */
export function registerReportCommand(
  program: Command,
  out: Output,
  withRuntime: WithRuntime,
  inScope: InScope,
  now: () => string,
): void {
  program
    .command('report')
    .description('the committee report for a quarter (default: the latest)')
    .option('--quarter <quarter>', 'e.g. 2016/17-Q1')
    .requiredOption('--format <format>', 'md, csv, html, json or xlsx (the Excel committee pack; with --out)')
    .option('--out <file>', 'write to a file instead of the screen')
    .option('--council', 'every service of the quarter side by side (needs --quarter)')
    .option('--year <year>', 'the year-end report of a financial year, e.g. 2016/17 (every quarter opened)')
    .option('--half', 'with --year: the mid-year report (Q1 and Q2)')
    .action(
      async (options: {
        quarter?: string;
        format: string;
        out?: string;
        council?: boolean;
        year?: string;
        half?: boolean;
      }) => {
        const checked = {
          quarter: options.quarter === undefined ? undefined : quarterOption(options.quarter),
          format: choiceOption('--format', options.format, REPORT_FORMATS),
          out: options.out === undefined ? undefined : checkOutPath(options.out),
        };
        if (options.half && options.year === undefined)
          throw new ValidationError('--half goes with --year, e.g. --year 2016/17 --half.');
        if (options.year !== undefined) {
          if (options.quarter !== undefined || options.council)
            throw new ValidationError('--year is a report of its own: leave out --quarter and --council.');
          const startYear = yearOption(options.year);
          await inScope(
            (rt) => yearReportCommand(rt, out, { ...checked, startYear, half: options.half ?? false }),
            {
              retired: true,
            },
          );
        } else if (options.council) {
          if (checked.format === 'xlsx')
            throw new ValidationError(
              'The council report has no Excel pack: use md, csv, html or json with --council.',
            );
          const at = now();
          const format = checked.format;
          await withRuntime(out, (rt) => councilReportCommand(rt, out, { ...checked, format }, at), false);
        } else await inScope((rt) => reportCommand(rt, out, checked), { retired: true });
      },
    );
}
