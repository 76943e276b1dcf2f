/** The `rag-chaser` command. Same environment as the server (see docs/configuration.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { registerBackupCommands } from './backup-commands';
import { registerRoleCommands } from './role-commands';
import { ValidationError } from '../domain/errors';
import { loadConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime';
import { consoleOutput, reportError, type Output } from './output';
import { planImportCommand, planVersionsCommand } from './plan-commands';
import { statusCommand } from './status-commands';
import { askCommand } from './ask-commands';
import { scheduleChanges, scheduleSet, scheduleShow, type ScheduleOptions } from './schedule-commands';
import { tickCommand } from './tick-commands';
import { purgeCommand, registerReportCommand } from './report-commands';
import {
  instantOption,
  planNameOption,
  quarterOption,
  readInputFile,
  rollUpOption,
  wholeOption,
} from './arguments';
import type { Quarter } from '../domain/quarter';
import { cycleOpenCommand } from './cycle-commands';
import {
  scopedRuntime,
  serviceKeyOption,
  serviceListCommand,
  serviceNameOption,
  serviceRetireCommand,
  type ServiceScope,
} from './service-commands';

const optionalQuarter = (text: string | undefined): Quarter | undefined =>
  text === undefined ? undefined : quarterOption(text);

/**
 * Opens storage, then runs the command in its service (`--service`, or the only one); `scope: false` runs
 * it over the whole deployment (backup, service list).
 */
async function withRuntime(
  out: Output,
  work: (rt: Runtime) => Promise<void>,
  scope: ServiceScope | false = {},
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  const rt = await openRuntime(loadConfig());
  // Which storage a command used is never a guess: one line on stderr, stdout stays the command's own.
  out.error(`Storage: ${rt.storageDescription}, tables prefixed "${rt.tables.prefix}".`);
  try {
    await work(scope === false ? rt : await scopedRuntime(rt, out, scope, now()));
  } finally {
    await rt.close();
  }
}

export function buildProgram(out: Output = consoleOutput, clock: () => Date = () => new Date()): Command {
  const program = new Command('rag-chaser')
    .description('RAG Chaser: quarterly performance returns in Microsoft Teams')
    .version(version(), '--version', 'the version of RAG Chaser')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.line(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) })
    .option('--service <key>', 'the service a command is for (needed only when there are several)');
  const serviceKey = (): string | undefined => {
    const key = program.opts<{ service?: string }>().service;
    return key === undefined ? undefined : serviceKeyOption(key);
  };
  const inScope = (work: (rt: Runtime) => Promise<void>, scope: Omit<ServiceScope, 'key'> = {}) =>
    withRuntime(out, work, { ...scope, key: serviceKey() }, () => clock().toISOString());

  const plan = program.command('plan').description('the service plan');
  plan
    .command('import')
    .description('import or update the plan from an activities CSV (and a KPIs CSV)')
    .argument('<activities.csv>', 'activities file')
    .option('--kpis <kpis.csv>', 'KPIs and activity indicators file')
    .option(
      '--name <name>',
      'name of the plan, e.g. "LRA Service Plan 2016/17"; with a new --service, the name of the service',
    )
    .option('--dry-run', 'check the files and show what would change, without writing')
    .option('--rollup <rule>', 'how supporting outcomes and outcomes roll up: majority (default) or worst')
    .option(
      '--from <quarter>',
      'the first quarter the new version is in force for, e.g. 2017/18-Q1 (default: the first not yet opened)',
    )
    .action(
      async (
        file: string,
        options: { kpis?: string; dryRun?: boolean; name?: string; rollup?: string; from?: string },
      ) => {
        const key = serviceKey();
        const checked = {
          from: options.from === undefined ? undefined : quarterOption(options.from, '--from'),
          rollup: options.rollup === undefined ? undefined : rollUpOption(options.rollup),
          name: options.name === undefined ? undefined : planNameOption(options.name),
          serviceName:
            key !== undefined && options.name !== undefined ? serviceNameOption(options.name) : undefined,
          dryRun: options.dryRun,
          activities: readInputFile(file, 'The activities file'),
          kpis: options.kpis === undefined ? undefined : readInputFile(options.kpis, 'The KPIs file'),
        };
        const now = clock().toISOString();
        await inScope((rt) => planImportCommand(rt, out, checked, now), {
          create: checked.dryRun ? undefined : { name: checked.serviceName },
        });
      },
    );

  plan
    .command('versions')
    .description('every version of the plan: from which quarter, its counts, and the quarters that read it')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      await inScope((rt) => planVersionsCommand(rt, out, options.json), { retired: true });
    });

  const cycle = program.command('cycle').description('quarterly cycles');
  cycle
    .command('open')
    .description('open a quarter now and chase every owner')
    .requiredOption('--quarter <quarter>', 'e.g. 2016/17-Q1')
    .action(async (options: { quarter: string }) => {
      const quarter = quarterOption(options.quarter);
      await inScope((rt) => cycleOpenCommand(rt, out, quarter, () => clock().toISOString()));
    });

  program
    .command('status')
    .description('the plan, and for a quarter who was chased, reminded, answered or cannot be reached')
    .option('--quarter <quarter>', 'e.g. 2016/17-Q1 (default: the latest open quarter)')
    .option('--json', 'machine-readable output')
    .action(async (options: { quarter?: string; json?: boolean }) => {
      const quarter = optionalQuarter(options.quarter);
      await inScope((rt) => statusCommand(rt, out, quarter, options.json), { retired: true });
    });

  program
    .command('ask')
    .description(
      'a question about the returns, e.g. "which reds are in Dover?" (current returns, as in Teams)',
    )
    .argument('<question...>', 'the question, in quotes or not')
    .option('--json', 'machine-readable output')
    .action(async (words: string[], options: { json?: boolean }) => {
      await inScope((rt) => askCommand(rt, out, words.join(' '), options.json));
    });

  const schedule = program.command('schedule').description("the plan's reminder schedule");
  schedule
    .command('show')
    .description('the schedule and the dates it gives for a quarter')
    .option('--quarter <quarter>', 'e.g. 2016/17-Q2 (default: the current quarter)')
    .option('--json', 'machine-readable output')
    .action(async (options: { quarter?: string; json?: boolean }) => {
      const quarter = optionalQuarter(options.quarter);
      await inScope((rt) => scheduleShow(rt, out, quarter, clock().toISOString(), options.json));
    });
  schedule
    .command('set')
    .description('change the schedule (working days); open quarters follow it for steps not yet due')
    .option('--opens <days>', 'working days after quarter end when returns open')
    .option('--deadline <days>', 'working days after quarter end of the deadline')
    .option('--reminders <days>', 'working days before the deadline, comma-separated, e.g. 5,1 (or none)')
    .option('--escalate <days>', 'working days after the deadline to escalate (or off)')
    .option('--digest <days>', 'working days after the deadline to post the digest (or off)')
    .option('--time <HH:MM>', 'local time of day for every step')
    .option('--quarter <quarter>', 'quarter to show the resulting dates for')
    .action(async (options: ScheduleOptions) => {
      const changes = scheduleChanges(options);
      const quarter = optionalQuarter(options.quarter);
      await inScope((rt) => scheduleSet(rt, out, changes, quarter, clock().toISOString()));
    });

  program
    .command('tick')
    .description('do every piece of work due at that instant, once (safe to repeat)')
    .option('--now <ISO-8601>', 'the instant (default: now)')
    .option('--lease-seconds <n>', 'how long a crashed sender blocks others', '60')
    .action(async (options: { now?: string; leaseSeconds: string }) => {
      const now = options.now !== undefined ? instantOption(options.now) : clock().toISOString();
      const seconds = wholeOption('--lease-seconds', options.leaseSeconds, 1, 3600);
      // Every service's due work, under the deployment's one send lease.
      await withRuntime(
        out,
        async (rt) => {
          if (!(await tickCommand(rt, out, now, seconds))) process.exitCode = 3;
        },
        false,
      );
    });
  registerReportCommand(program, out, withRuntime, inScope, () => clock().toISOString());

  const service = program.command('service').description('the services of this deployment');
  service
    .command('list')
    .description('every service, with its key (retired ones marked)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const now = clock().toISOString();
      await withRuntime(out, (rt) => serviceListCommand(rt, out, now, options.json), false);
    });
  service
    .command('retire')
    .description('stop chasing a service; its past quarters stay and can still be reported')
    .argument('<key>', 'the service key, e.g. lra')
    .action(async (key: string) => {
      const checked = serviceKeyOption(key);
      const now = clock().toISOString();
      await withRuntime(out, (rt) => serviceRetireCommand(rt, out, checked, now), false);
    });

  program
    .command('purge')
    .description('delete every quarter before the one given, with its returns, history and messages')
    .requiredOption('--before <quarter>', 'e.g. 2016/17-Q1')
    .option('--dry-run', 'show what would be deleted')
    .option('--yes', 'do not ask for confirmation (needed when there is no terminal to ask)')
    .action(async (options: { before: string; dryRun?: boolean; yes?: boolean }) => {
      const before = quarterOption(options.before, '--before');
      if (!options.dryRun && !options.yes) {
        const question = `Delete every quarter before ${options.before} with its returns, history and messages? Type yes to go on: `;
        if (!(await confirm(question)))
          throw new ValidationError(
            'Nothing deleted. purge needs a "yes" at the prompt, or --yes when run without a terminal (scripts, jobs).',
          );
      }
      await inScope((rt) => purgeCommand(rt, out, { before, dryRun: options.dryRun }));
    });
  registerBackupCommands(program, out, withRuntime, () => clock().toISOString());
  registerRoleCommands(program, out, withRuntime, serviceKey, () => clock().toISOString());
  return program;
}

function version(): string {
  // The package's own version, read at run time (dist/cli -> package.json).
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Asks on the terminal; with no terminal (a script, a job) the answer is no. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  try {
    await buildProgram(out).parseAsync([...argv], { from: 'user' });
    // A command may set a distinct exit code (tick: 3 = another instance is sending).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
    }
    return reportError(out, error);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
