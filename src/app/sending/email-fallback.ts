/**
 * The email fallback (EMAIL_FALLBACK_FROM): a chase, reminder or escalation that could not reach its
 * recipient in Teams, and still cannot after the configured delay, goes to them once by email. Each email
 * is an outbox row of its own (`email|<step>|<upn>`): claimed before it is sent, so it is never sent twice
 * and a run that dies mid-way leaves it for the next (which looks in Sent Items first).
 */
import { emailStageOf, formatMessageId } from '../../domain/message-id';
import type { Cycle } from '../../domain/cycle';
import { formatDay } from '../../domain/local-time';
import { quarterIn } from '../../domain/service';
import { itemTitle, type DueItem } from '../../domain/returns';
import { loadCycleState, type CycleState } from '../cycle/cycle-state';
import { emptyResult, type FanoutResult } from './fanout-types';
import type { AppDeps, Email, EmailFallback, OutboxRow } from '../ports';
import { claimable, deliveryRef, mayAlreadyBeSentSince } from './send-message';
import type { Holding } from './send-lease';
import { escalationLines, escalations, outstandingByOwner } from './step-messages';

export type EmailDeps = Pick<
  AppDeps,
  'plans' | 'returns' | 'people' | 'outbox' | 'service' | 'email' | 'leases'
>;

interface Escalation {
  readonly to: string;
  readonly heading: string;
  readonly owed: ReadonlyMap<string, readonly DueItem[]>;
}

/**
 * The scan runs every tick only when it may find something: after a step ran (new unreachable rows), when
 * a row waiting for its delay comes due, or at least every 15 minutes (rows another process wrote, e.g. a
 * "chase now"). In between, a tick of a quarter with 10,000 owners reads nothing for the fallback.
 */
const RECHECK_MS = 15 * 60_000;
const nextScan = new WeakMap<object, Map<string, number>>();

const EMAILED_KINDS = new Set(['chase', 'reminder', 'escalate']);
const MAX_RUNS = 10;

/**
 * The stage of a message: the chase, each reminder, the escalation, and every "chase now" of the quarter
 * as one (a manager pressing it again must not make the mailbox write again).
 */
export function emailStage(row: Pick<OutboxRow, 'id'>): string {
  return emailStageOf(row.id) ?? row.id;
}

/** The email row for a message row: one email per stage and recipient (a long card's parts are one email). */
export const emailId = (row: Pick<OutboxRow, 'id' | 'recipient'>) =>
  formatMessageId({ kind: 'email', stage: emailStage(row), recipient: row.recipient });

function ownerEmail(
  state: CycleState,
  kind: string,
  upn: string,
  items: readonly DueItem[] | undefined,
  fallback: EmailFallback,
): Email | undefined {
  if (!items?.length) return undefined;
  const quarter = quarterIn(state.service, state.cycle.label);
  const due = formatDay(state.cycle.deadlineDay);
  return {
    to: upn,
    subject: `${kind === 'chase' ? '' : 'Reminder: '}your ${quarter} performance return is due by ${due}`,
    lines: [
      'RAG Chaser could not reach you in Microsoft Teams, so this comes by email.',
      `For ${quarter} you owe a RAG rating (Red, Amber or Green) and a short commentary for ${items.length} item(s), due by the end of ${due}:`,
      ...items
        .slice(0, 40)
        .map(
          (i) => `• ${i.kind === 'activity' ? i.activity.id : i.measure.ref}: ${itemTitle(i).slice(0, 160)}`,
        ),
      ...(items.length > 40 ? [`…and ${items.length - 40} more (all on your card in Teams)`] : []),
      'Open the chat with RAG Chaser in Teams to answer on your card:',
    ],
    link: { text: 'Open RAG Chaser in Teams', url: fallback.chatLink },
    after: [],
    replyTo: [],
    ref: '',
  };
}

function escalationEmail(
  state: CycleState,
  mine: Escalation | undefined,
  fallback: EmailFallback,
): Email | undefined {
  if (!mine) return undefined;
  return {
    to: mine.to,
    subject: `Overdue returns: ${quarterIn(state.service, state.cycle.label)}`,
    lines: [
      'RAG Chaser could not reach you in Microsoft Teams, so this comes by email.',
      ...escalationLines({ state }, mine.owed, mine.heading),
    ],
    link: { text: 'Open RAG Chaser in Teams', url: fallback.chatLink },
    after: [],
    replyTo: [],
    ref: '',
  };
}

const REPLY_LINE =
  'If you cannot use Teams, reply to this email with a rating and a commentary for each item (for example "LRA-1.1.01 Amber: what happened"): a service manager records your answer.';

/**
 * Sends the emails that are due at `now` for one cycle: for every message row left unreachable at least
 * the configured delay ago whose recipient is still unreachable and still owes something (or, for an
 * escalation, still has overdue returns to hear about). The result is reported like a step's.
 */
export async function emailUnreachable(
  deps: EmailDeps,
  cycle: Cycle,
  now: string,
  holding: Holding,
  managers: readonly string[],
  options: { retryFailed?: boolean; stepsRan?: boolean } = {},
): Promise<FanoutResult> {
  const result = emptyResult();
  const fallback = deps.email;
  if (!fallback) return result;
  const at = Date.parse(now);
  const scans = nextScan.get(deps.outbox) ?? new Map<string, number>();
  nextScan.set(deps.outbox, scans);
  const { retryFailed, stepsRan } = options;
  if (!retryFailed && !stepsRan && at < (scans.get(cycle.key) ?? 0)) return result;
  let next = at + RECHECK_MS;
  const rows = await deps.outbox.list(cycle.key);
  const emails = new Map(rows.filter((r) => r.kind === 'email').map((r) => [r.id, r]));
  const due = new Map<string, OutboxRow>();
  for (const row of rows) {
    if (row.status !== 'unreachable' || !EMAILED_KINDS.has(row.kind)) continue;
    const id = emailId(row);
    const done = emails.get(id);
    if (done && !claimable(done, { holder: holding.holder, retryFailed })) continue;
    const dueAt = Date.parse(row.updatedAt) + fallback.afterMinutes * 60_000;
    if (dueAt > at) next = Math.min(next, dueAt);
    else due.set(id, row);
  }
  // Emails left retrying or busy are tried again at the next tick.
  scans.set(cycle.key, due.size ? at : next);
  if (due.size === 0) return result;
  const people = await deps.people.many([...new Set([...due.values()].map((r) => r.recipient))]);
  const state = await loadCycleState(deps, cycle);
  const owed = outstandingByOwner(state);
  const escalated = new Map(
    [...escalations({ state, serviceManagers: managers })].map(([to, e]) => [to, { to, ...e }]),
  );
  const planned: { id: string; kind: string; email: Email }[] = [];
  for (const [id, row] of due) {
    const person = people.get(row.recipient.toLowerCase());
    // Installed the app since: reached in Teams (their cards came when they opened it).
    if (person?.reachable && person.conversation) continue;
    const email =
      row.kind === 'escalate'
        ? escalationEmail(state, escalated.get(row.recipient), fallback)
        : ownerEmail(state, row.kind, row.recipient, owed.get(row.recipient), fallback);
    if (!email) continue;
    const ref = deliveryRef(cycle.key, id);
    planned.push({
      id,
      kind: row.kind,
      email: {
        ...email,
        subject: `${email.subject} [${ref}]`,
        after: row.kind === 'escalate' ? [] : [REPLY_LINE],
        replyTo: row.kind === 'escalate' ? [] : managers,
        ref,
      },
    });
  }
  const ensured = await deps.outbox.ensureMany(
    cycle.key,
    planned.map((p) => ({ id: p.id, recipient: p.email.to, kind: 'email' })),
    now,
  );
  for (const [i, p] of planned.entries()) {
    const row = ensured[i];
    if (!row) continue;
    if (i > 0 && i % 25 === 0 && !(await holding.stillHolding())) {
      result.busy.push(...planned.slice(i).map((x) => x.email.to));
      break;
    }
    const sent = await sendOne(
      deps,
      fallback,
      row,
      p.email,
      holding.holder,
      now,
      result,
      options.retryFailed ?? false,
    );
    if (sent === 'over-allowance') {
      // The mailbox's emails for today are used up: the rest wait for tomorrow's allowance.
      result.retrying.push(...planned.slice(i).map((x) => x.email.to));
      break;
    }
  }
  return result;
}

async function sendOne(
  deps: EmailDeps,
  fallback: EmailFallback,
  row: OutboxRow,
  email: Email,
  holder: string,
  now: string,
  result: FanoutResult,
  retryFailed: boolean,
): Promise<'over-allowance' | undefined> {
  const to = email.to;
  if (!claimable(row, { holder, retryFailed })) {
    if (row.status === 'sent') result.alreadyDone.push(to);
    else if (row.status === 'failed') result.failed.push({ recipient: to, error: row.lastError });
    return undefined;
  }
  // Counted in storage, so every instance and restart shares one allowance per mailbox and UTC day.
  if (!(await deps.leases.take(`email|${fallback.from.toLowerCase()}|${now.slice(0, 10)}`, fallback.perDay)))
    return 'over-allowance';
  const since = mayAlreadyBeSentSince(row);
  const claimed = await deps.outbox.claim(row, holder, now);
  if (!claimed) {
    result.busy.push(to);
    return undefined;
  }
  const outcome = await fallback.mailer.send(email, since ? { mayAlreadyBeSentSince: since } : {});
  if (outcome.outcome === 'sent') {
    const lastError = outcome.foundInSentItems ? 'found in Sent Items: sent before a crash' : '';
    await deps.outbox.finish(claimed, { status: 'sent', lastError }, now);
    (outcome.foundInSentItems ? result.alreadyDone : result.sent).push(to);
  } else if (outcome.outcome === 'retry-later' && claimed.attempts < MAX_RUNS) {
    await deps.outbox.finish(claimed, { status: 'retrying', lastError: outcome.error }, now);
    result.retrying.push(to);
  } else {
    await deps.outbox.finish(claimed, { status: 'failed', lastError: outcome.error }, now);
    result.failed.push({ recipient: to, error: outcome.error });
  }
  return undefined;
}
