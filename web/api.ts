/** The dashboard API as the page reads it (GET /api/dashboard; contract in docs/dashboard.md). */
import type { DashboardView, ItemTrend } from '../src/domain/dashboard';
import type { Host } from './teams';

export interface DashboardData extends DashboardView {
  readonly service: { readonly key: string; readonly name: string };
  readonly services: readonly { readonly key: string; readonly name: string }[];
  readonly view: 'current' | 'published';
  readonly available: readonly { readonly key: string; readonly label: string }[];
  readonly choices: { readonly districts: string[]; readonly functions: string[]; readonly owners: string[] };
  readonly question?: { readonly ok: boolean; readonly message: string };
  readonly viewer: { readonly upn: string; readonly lead: boolean };
}

export interface CompareData {
  readonly compare: readonly {
    readonly key: string;
    readonly name: string;
    readonly quarters: DashboardData['quarters'];
  }[];
}

export interface HistoryData {
  readonly kind: ItemTrend['kind'];
  readonly id: string;
  readonly title: string;
  readonly quarters: readonly {
    readonly quarter: string;
    readonly state: string;
    readonly rating?: 'red' | 'amber' | 'green';
    readonly value?: number;
    readonly commentary: string;
    readonly evidence: string;
    readonly owner: string;
    readonly late: boolean;
    readonly by: string;
    readonly at: string;
  }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(host: Host, params: URLSearchParams): Promise<T> {
  const response = await fetch(`/api/dashboard?${params.toString()}`, { headers: await host.headers() });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok)
    throw new ApiError(response.status, body.error ?? `The dashboard answered ${response.status}.`);
  return body as T;
}
