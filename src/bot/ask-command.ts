/**
 * Questions in chat: `@RAG Chaser which reds are in Dover?` in an SMT channel (published digests only), or
 * in a service manager's 1:1 chat (current returns of the services they manage). The answer card is built
 * from the stored returns (app/ask/ask.ts); Show all sends the whole list.
 */
import type { TurnContext } from 'botbuilder';
import { aiAllowance } from '../app/ask/ai-allowance';
import { ask, MAX_QUESTION_CHARS, type AskService, type AskView } from '../app/ask/ask';
import { ASK_ALL, answerCard, answerCardsAll, cannotAnswerCard } from '../cards/answer-card';
import { directoryOf, everyService, inService } from './service-choice';
import { isPersonal } from './identity';
import { sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

export { ASK_ALL };

/** The conversation id of a stored channel reference, without a thread's `;messageid=`. */
function channelId(conversation: string): string {
  try {
    const id = (JSON.parse(conversation) as { conversation?: { id?: string } }).conversation?.id ?? '';
    return id.split(';')[0] ?? '';
  } catch {
    return '';
  }
}

/** Who may ask here, over which services, seeing what; undefined when questions are not taken here. */
async function scopeOf(
  services: BotDeps,
  context: TurnContext,
  caller: Caller | undefined,
): Promise<{ services: AskService[]; view: AskView } | undefined> {
  if (isPersonal(context)) {
    if (!caller) return undefined;
    const mine = (await everyService(services, caller)).filter((s) => s.caller.serviceManager);
    if (mine.length === 0) return undefined;
    return {
      view: 'current',
      services: mine.map((s) => ({
        key: s.service?.key ?? '',
        name: s.service?.name ?? '',
        deps: s.services,
      })),
    };
  }
  const here = context.activity.conversation.id.split(';')[0] ?? '';
  const dir = await directoryOf(services);
  const council = await services.space.services.council();
  const corporate = council.corporateChannel && channelId(council.corporateChannel.conversation) === here;
  const found: AskService[] = [];
  for (const service of dir.active) {
    const deps = inService(services, dir, service);
    const smt = await deps.people.smtChannel();
    if (corporate || (smt && channelId(smt.conversation) === here))
      found.push({ key: service.key, name: service.name, deps });
  }
  if (dir.active.length === 0) {
    const smt = await services.people.smtChannel();
    if (smt && channelId(smt.conversation) === here) found.push({ key: '', name: '', deps: services });
  }
  return { view: 'published', services: found };
}

/**
 * Answers a question; false when questions are not taken from this person here (an owner's 1:1 chat),
 * so the caller can say what it does instead.
 */
export async function askQuestion(
  services: BotDeps,
  context: TurnContext,
  caller: Caller | undefined,
  question: string,
  all = false,
): Promise<boolean> {
  const scope = await scopeOf(services, context, caller);
  if (!scope) return false;
  if (scope.services.length === 0) {
    await sendCards(context, [
      cannotAnswerCard(
        'This channel is not registered for digests: a service manager types "register smt channel" here first.',
        [],
      ),
    ]);
    return true;
  }
  if (question.length > MAX_QUESTION_CHARS) {
    await sendCards(context, [
      cannotAnswerCard(`Ask in at most ${MAX_QUESTION_CHARS} characters: one question at a time.`, []),
    ]);
    return true;
  }
  const who = caller?.upn ?? context.activity.from.aadObjectId ?? context.activity.from.id;
  const answer = await ask(
    scope.services,
    scope.view,
    question,
    services.assistant,
    aiAllowance(services.leases, who, services.clock()),
  );
  services.log.info(
    {
      view: scope.view,
      ok: answer.ok,
      rows: answer.ok ? answer.rows.length : 0,
      ai: answer.ok && answer.viaAi,
    },
    'question answered',
  );
  if (!answer.ok) {
    await sendCards(context, [cannotAnswerCard(answer.message, answer.examples)]);
    return true;
  }
  // A manager asking about current returns (not the SMT channel's published view) may send items back.
  const input = {
    ...answer,
    question,
    canSendBack: scope.view === 'current' && Boolean(caller?.serviceManager),
  };
  await sendCards(context, all ? answerCardsAll(input) : [answerCard(input)]);
  return true;
}
