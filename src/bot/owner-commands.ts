/** Chat commands for owners: help, status, chase me, quick replies and hand-over. */
import { overview } from '../app/cycle/overview';
import { quarterIn } from '../domain/service';
import type { TurnContext } from 'botbuilder';
import { handOver } from '../app/returns/handover';
import { cardOf } from '../app/returns/card-projection';
import {
  cardsForItems,
  loadCycleState,
  outstanding,
  owners,
  personItems,
  type CycleState,
} from '../app/cycle/cycle-state';
import { personStatus } from '../app/cycle/status';
import { submitReturn } from '../app/returns/submit-return';
import { echo } from '../domain/echo';
import { itemTitle, type DueItem } from '../domain/returns';
import type { Cycle } from '../domain/cycle';
import { formatQuarter, parseQuarterKey } from '../domain/quarter';
import { versionOf } from '../app/cycle/cycle-state';
import { everyService, managerService, type InService } from './service-choice';
import { say, sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

export const NO_CYCLE =
  'No quarter is open for returns at the moment. You will get a card when the next one opens.';

/** The open quarter as a whole (manager views, hand-over). */
export async function currentState(services: BotDeps): Promise<CycleState | undefined> {
  const cycle = await services.cycles.current();
  return cycle ? loadCycleState(services, cycle) : undefined;
}

/** The open quarter as the caller's card sees it: their rows only, whatever the size of the plan. */
export async function myState(services: BotDeps, caller: Caller): Promise<CycleState | undefined> {
  const cycle = await services.cycles.current();
  return cycle ? cardOf(services, cycle, caller.upn) : undefined;
}

export async function status(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  if (caller.serviceManager) {
    const chosen = await managerService(services, context, caller, 'status');
    if (!chosen) return;
    if (chosen.caller.serviceManager) return managerStatus(chosen.services, context, chosen.caller);
  }
  // An owner: what they owe in every service.
  const parts: { title: string; lines: string[] }[] = [];
  for (const s of await everyService(services, caller)) {
    const state = await myState(s.services, s.caller);
    if (!state) continue;
    const lines = personStatus(state, caller.upn);
    parts.push({ title: `Status: ${quarterIn(s.services.service, state.cycle.label)}`, lines });
  }
  if (parts.length === 0) {
    await say(context, 'Status', [NO_CYCLE]);
    return;
  }
  for (const part of parts) await say(context, part.title, part.lines);
}

async function managerStatus(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const state = await currentState(services);
  if (!state) {
    await say(context, `Status${services.service?.shown ? `: ${services.service.name}` : ''}`, [NO_CYCLE]);
    return;
  }
  const [people, rows] = await Promise.all([services.people.all(), services.outbox.list(state.cycle.key)]);
  const summary = overview(
    state,
    new Map(people.map((p) => [p.upn, p])),
    rows,
    services.clock(),
    services.zone,
  );
  // What the manager owes themselves comes first, as for any owner.
  const own = personStatus(state, caller.upn);
  if (owners(state).has(caller.upn)) await say(context, `Your items: ${state.cycle.label}`, own);
  const [versions, current] = await Promise.all([
    services.plans.versions(),
    versionOf(services.plans, state.cycle),
  ]);
  const next = versions.find((v) => v.version > current);
  await sendCards(context, [
    services.cards.overview({
      planLine: `Read against plan version ${current} of ${versions.length}${next ? `; version ${next.version} is in force from ${next.from ? formatQuarter(parseQuarterKey(next.from)) : 'the first quarter'}` : ''} (rag-chaser plan versions lists them).`,
      overview: summary,
      title: quarterIn(services.service, state.cycle.label),
      service: services.service?.key ?? '',
    }),
  ]);
}

export async function chaseMe(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const cards = [];
  let open: string | undefined;
  for (const s of await everyService(services, caller)) {
    const state = await myState(s.services, s.caller);
    if (!state) continue;
    open ??= state.cycle.label;
    const { owned, deputising } = personItems(state, caller.upn);
    const items = [...owned, ...outstanding(state, deputising)];
    if (items.length === 0) continue;
    // One card per service, each titled with its service when there are several.
    cards.push(
      ...cardsForItems(s.services.cards, state, items, {
        now: services.clock(),
        zone: services.zone,
        canAlwaysAmend: s.caller.serviceManager,
      }),
    );
  }
  if (cards.length === 0) {
    await say(context, 'Nothing due', [open ? `You have no items to answer for ${open}.` : NO_CYCLE]);
    return;
  }
  await sendCards(context, cards);
}

const QUICK = /^\s*(red|amber|green)\b(?:\s+([A-Za-z0-9][A-Za-z0-9._-]*))?\s*[:\-–]\s*([\s\S]+)$/i;
/** A quick answer has a colon ("amber: …"); "red items in Dover" without one is a question. */
export const QUICK_REPLY = /^\s*(red|amber|green)\b(?=[^?]*:)|^\s*(red|amber|green)\s*$/i;
export const STARTS_WITH_RATING = /^\s*(red|amber|green)\b/i;

/** `amber: staffing gaps` (exactly one activity owed) or `amber LRA-1.1.01: staffing gaps`. */
export async function quickReply(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const match = QUICK.exec(context.activity.text);
  const found: {
    s: InService;
    state: CycleState;
    mine: DueItem[];
    candidates: DueItem[];
    owned: DueItem[];
  }[] = [];
  for (const s of await everyService(services, caller)) {
    const state = await myState(s.services, s.caller);
    if (!state) continue;
    const { owned, deputising } = personItems(state, caller.upn);
    const mine = [...owned, ...deputising].filter((i) => i.kind === 'activity');
    found.push({ s, state, mine, candidates: outstanding(state, mine), owned });
  }
  if (found.length === 0) {
    await say(context, 'Nothing due', [NO_CYCLE]);
    return;
  }
  if (!match) {
    await say(context, 'Not saved', [
      'Write a quick answer as "amber: what happened", or "amber LRA-1.1.01: what happened" when you owe more than one item.',
    ]);
    return;
  }
  const [, rag = '', id, commentary] = match;
  const open = found.flatMap((f) => f.candidates.map((item) => ({ f, item })));
  const target = id
    ? found
        .flatMap((f) => f.mine.map((item) => ({ f, item })))
        .find((t) => t.item.key.toLowerCase() === `a:${id.toLowerCase()}`)
    : open.length === 1
      ? open[0]
      : undefined;
  if (!target) {
    const cards = found.flatMap((f) => {
      const items = f.candidates.length ? f.candidates : f.owned;
      const notice = id
        ? `You do not answer for "${echo(id)}". Choose the item on your card below.`
        : 'Which item is that for? Your reply was not saved: answer on the card below, or write "amber LRA-1.1.01: …" with the item id.';
      return items.length
        ? cardsForItems(f.s.services.cards, f.state, items, {
            now: services.clock(),
            zone: services.zone,
            notice,
          })
        : [];
    });
    if (cards.length === 0) {
      await say(context, 'Nothing due', [
        `You have no items to answer for ${found[0]?.state.cycle.label ?? ''}.`,
      ]);
      return;
    }
    await sendCards(context, cards);
    return;
  }
  const result = await submitReturn(target.f.s.services, {
    cycleKey: target.f.state.cycle.key,
    item: target.item.key,
    answer: { rag, commentary, evidence: '' },
    by: caller.upn,
    serviceManager: target.f.s.caller.serviceManager,
    now: services.clock(),
  });
  const late = result.stored.late ? ' It is after the deadline, so it is marked late.' : '';
  await say(context, 'Saved', [
    `${itemTitle(target.item)}: ${rag.toLowerCase()}, with your commentary.${late} Type "chase me" to see or amend it.`,
  ]);
}

const HAND_OVER = /^\s*hand\s*over\s+(\S+)\s+to\s+(\S+)\s*$/i;
export const HAND_OVER_COMMAND = /^\s*hand\s*over\b/i;

export async function handOverCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const match = HAND_OVER.exec(context.activity.text);
  const [, id = '', to = ''] = match ?? [];
  // The item's own service: a hand-over never leaves it. Found in each service's plan (kept in memory);
  // only that service's quarter is then read.
  let chosen: { s: InService; cycle: Cycle; key: string } | undefined;
  let anyOpen = false;
  for (const s of await everyService(services, caller)) {
    const cycle = await s.services.cycles.current();
    if (!cycle) continue;
    anyOpen = true;
    const plan = await s.services.plans.load();
    const measure = plan?.measures.find((m) => m.ref.toLowerCase() === id.toLowerCase());
    const activity = plan?.activities.find((a) => a.id.toLowerCase() === id.toLowerCase());
    if (match && (measure || activity)) {
      chosen = { s, cycle, key: measure ? `m:${measure.ref}` : `a:${activity?.id ?? id}` };
      break;
    }
    chosen ??= { s, cycle, key: `a:${id}` };
  }
  if (!chosen || !match) {
    await say(context, 'Not handed over', [
      anyOpen ? 'Write it as: hand over LRA-1.1.01 to colleague@example.org' : NO_CYCLE,
    ]);
    return;
  }
  const { cycle } = chosen;
  const result = await handOver(chosen.s.services, {
    cycleKey: cycle.key,
    item: chosen.key,
    to,
    by: caller.upn,
    serviceManager: chosen.s.caller.serviceManager,
    now: services.clock(),
  });
  const title = itemTitle(result.item);
  await say(context, 'Handed over', [
    `"${title}" is now with ${result.to} for ${quarterIn(chosen.s.services.service, cycle.label)}.`,
    result.colleagueReached
      ? 'They have been sent the card.'
      : `${result.to} has not installed RAG Chaser yet, so they could not be sent the card: ask them to install it and type "chase me".`,
  ]);
}
