/** A plan of many owners (one activity each) on Azurite, and the real `rag-chaser tick` process to send it. */
import { readImportFile } from '../../src/files/read-table';
import { spawn } from 'node:child_process';
import { importPlan } from '../../src/app/plan/import-plan';
import { tableStores } from '../../src/store';
import { Tables } from '../../src/store/tables';
import { BIN } from './cli';
import { csv } from './samples';
import { testConnectionString, uniquePrefix } from './tables';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
export const owner = (i: number) => `owner-${String(i).padStart(4, '0')}@example.org`;

/** The activities CSV of a plan of `owners` activities, one owner each; `text` starts each activity's text. */
export function bigPlanCsv(owners: number, text = 'Activity number'): string {
  const rows = Array.from(
    { length: owners },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 20)},Area operations,${text} ${i + 1},Why,Branch ${i + 1},,${owner(i + 1)},`,
  );
  return [HEADER, ...rows].join('\n');
}

export async function bigPlan(owners: number) {
  const prefix = uniquePrefix();
  const tables = new Tables({ connectionString: testConnectionString() }, prefix);
  await tables.ensure();
  const repos = tableStores(tables);
  await importPlan(repos.plans, {
    read: readImportFile,
    activities: csv('big.csv', bigPlanCsv(owners)),
    name: 'Big plan',
    now: '2016-06-01T00:00:00Z',
  });
  return { prefix, repos, tables };
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
}

export function startTick(
  env: Record<string, string>,
  killWhen?: () => boolean,
  now = '2016-07-01T08:00:00Z',
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'tick', '--now', now, '--lease-seconds', '2'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = killWhen
      ? setInterval(() => {
          if (killWhen()) {
            clearInterval(timer);
            child.kill('SIGKILL');
          }
        }, 2)
      : undefined;
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stdout });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
