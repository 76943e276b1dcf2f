/**
 * Who was reached how: in Teams (they had the app), in Teams after RAG Chaser installed it for them,
 * by email (EMAIL_FALLBACK_FROM), or not at all, with the reason and the fix. Shown in the "Opened"
 * summary, `status` and the digest's list of returns still outstanding.
 */
import { formatDay, localDate } from '../../domain/local-time';
import type { OutboxRow, Person } from '../ports';

export type ReachedHow = 'teams' | 'installed' | 'emailed' | 'unreachable';

export interface Reach {
  readonly how: ReachedHow;
  /** e.g. "reached in Teams", "emailed Tue 3 Jan 2017 (not in Teams: …)". */
  readonly text: string;
}

const NOT_INSTALLED = /has not installed/i;
const REMOVED = /blocked|removed|no longer exists/i;

/** The reason a person cannot be reached, with what fixes it. */
export function reasonWithFix(reason: string): string {
  const r = reason || 'has not installed the app';
  if (NOT_INSTALLED.test(r))
    return `${r}: ask IT to install RAG Chaser for them (Teams admin centre > Teams apps > Setup policies) or to let RAG Chaser install it (PROACTIVE_INSTALL)`;
  if (REMOVED.test(r)) return `${r}: ask them to add RAG Chaser again in Teams (Apps > RAG Chaser)`;
  return r;
}

/** When each recipient was last emailed in a quarter (its sent `email|` rows). */
export function emailedAt(rows: readonly OutboxRow[]): Map<string, string> {
  const at = new Map<string, string>();
  for (const r of rows)
    if (r.kind === 'email' && r.status === 'sent' && r.updatedAt > (at.get(r.recipient) ?? ''))
      at.set(r.recipient, r.updatedAt);
  return at;
}

export function reachOf(person: Person | undefined, emailed: string | undefined, zone: string): Reach {
  if (person?.reachable && person.conversation)
    return person.reachedBy === 'installed'
      ? { how: 'installed', text: 'reached in Teams (RAG Chaser installed the app for them)' }
      : { how: 'teams', text: 'reached in Teams' };
  const reason = person?.unreachableReason || 'has not installed the app';
  if (emailed)
    return {
      how: 'emailed',
      text: `emailed ${formatDay(localDate(emailed, zone))} (not in Teams: ${reason})`,
    };
  return { how: 'unreachable', text: `unreachable: ${reasonWithFix(reason)}` };
}

/** How many of these were reached each way. */
export function reachCounts(reaches: readonly Reach[]): Record<ReachedHow, number> {
  const counts: Record<ReachedHow, number> = { teams: 0, installed: 0, emailed: 0, unreachable: 0 };
  for (const r of reaches) counts[r.how] += 1;
  return counts;
}
