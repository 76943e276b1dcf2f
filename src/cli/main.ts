/** The `rag-chaser` command. Same environment as the server (see README). */
import { Command } from 'commander';
import { loadConfig } from '../config';
import { openRuntime, type Runtime } from '../runtime';
import { consoleOutput, reportError, type Output } from './output';
import { planImportCommand, printPlanSummary } from './plan-commands';
import { cycleOpenCommand } from './cycle-commands';

async function withRuntime(out: Output, work: (rt: Runtime) => Promise<void>): Promise<void> {
  const rt = await openRuntime(loadConfig());
  try {
    await work(rt);
  } finally {
    await rt.close();
  }
}

export function buildProgram(out: Output = consoleOutput, clock: () => Date = () => new Date()): Command {
  const program = new Command('rag-chaser')
    .description('RAG Chaser: quarterly performance returns in Microsoft Teams')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.line(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) });

  const plan = program.command('plan').description('the service plan');
  plan
    .command('import')
    .description('import or update the plan from an activities CSV (and a KPIs CSV)')
    .argument('<activities.csv>', 'activities file')
    .option('--kpis <kpis.csv>', 'KPIs and activity indicators file')
    .option('--name <name>', 'name of the plan, e.g. "LRA Service Plan 2016/17"')
    .option('--dry-run', 'check the files and show what would change, without writing')
    .action(async (file: string, options: { kpis?: string; dryRun?: boolean; name?: string }) => {
      await withRuntime(out, (rt) => planImportCommand(rt, out, file, options, clock().toISOString()));
    });

  const cycle = program.command('cycle').description('quarterly cycles');
  cycle
    .command('open')
    .description('open a quarter now and chase every owner')
    .requiredOption('--quarter <quarter>', 'e.g. 2016/17-Q1')
    .action(async (options: { quarter: string }) => {
      await withRuntime(out, (rt) => cycleOpenCommand(rt, out, options.quarter, () => clock().toISOString()));
    });

  program
    .command('status')
    .description('the plan summary and, once a quarter is open, who has returned')
    .option('--quarter <quarter>', 'e.g. 2016/17-Q1')
    .action(async () => {
      await withRuntime(out, async (rt) => {
        const current = await rt.plans.load();
        if (!current) {
          out.line(
            'No plan loaded yet. Import one: rag-chaser plan import <activities.csv> --kpis <kpis.csv>',
          );
          return;
        }
        printPlanSummary(out, current);
      });
    });
  return program;
}

/** Runs the CLI and resolves to the exit code. */
export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  try {
    await buildProgram(out).parseAsync([...argv], { from: 'user' });
    return 0;
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
