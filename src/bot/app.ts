/** The Teams bot: a teams-ai Application with RAG Chaser's commands, card verbs and install events. */
import { ActivityTypes, MemoryStorage, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { messageCard } from '../cards/message-card';
import { NotAuthorisedError } from '../domain/errors';
import { registerCardVerbs } from './card-verbs';
import { help, loadPlanHint } from './help';
import * as owner from './owner-commands';
import * as manager from './manager-commands';
import * as council from './council-commands';
import {
  LEAD_ROLE_COMMAND,
  leadRoleCommand,
  MANAGER_ROLE_COMMAND,
  managerRoleCommand,
} from './role-commands';
import { managerService, pickedCommand } from './service-choice';
import { PICK_SERVICE } from '../cards/service-picker';
import { scheduleCommand } from './schedule-actions';
import { fileConsent, reportCommand } from './report-files';
import { cancelUpload, hasFiles, importUpload, planUpload } from './plan-upload';
import { CANCEL_UPLOAD, IMPORT_UPLOAD } from '../cards/plan-preview-card';
import { digestApproveCommand, digestPreview, digestPublishCommand } from './digest-commands';
import { identify, tenantAllowed } from './identity';
import { RECORD_COMMAND, recordCommand } from './record-command';
import { SEND_BACK_COMMAND, sendBackCommand } from './send-back-command';
import { ASK_ALL, askQuestion } from './ask-command';
import { uninstalled, welcome } from './installs';
import { answerInvoke, boundaryCard, errorCard, sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

const CALLER = 'ragChaserCaller';

function callerOf(context: TurnContext): Caller | undefined {
  return context.turnState.get<Caller | undefined>(CALLER);
}

type Handler = (services: BotDeps, context: TurnContext, caller: Caller) => Promise<void>;

/**
 * Runs a command with the identified caller, or explains why we cannot tell who they are. The boundary of
 * commands: an expected error is explained, an unexpected one logged with the reference the person is shown.
 */
function withCaller(handler: Handler, services: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const caller = callerOf(context);
    if (!caller) {
      await sendCards(context, [
        errorCard(
          new NotAuthorisedError(
            'We could not tell who you are, so nothing was done. Open RAG Chaser in a 1:1 chat from your work account and try again.',
          ),
        ),
      ]);
      return;
    }
    try {
      await handler(services, context, caller);
    } catch (error) {
      await sendCards(context, [
        // Only the command word: a quick reply's text is commentary, which is never logged.
        boundaryCard(services.log, error, {
          command: ((context.activity.text as string | undefined) ?? '').trim().split(/\s/)[0]?.slice(0, 20),
        }),
      ]);
    }
  };
}

/** `ask <question>`: the same as the question alone. */
const askCommand: Handler = async (services, context, caller) => {
  const question = (context.activity.text || '').replace(/^\s*ask\s*/i, '');
  if (!(await askQuestion(services, context, caller, question)))
    await sendCards(context, [
      messageCard({
        title: 'Questions are for service managers',
        lines: ['Ask in your SMT channel, mentioning RAG Chaser, or ask a service manager.'],
      }),
    ]);
};

export function createBot(services: BotDeps, adapter: TeamsAdapter): Application {
  const app = new Application({
    adapter,
    storage: new MemoryStorage(),
    botAppId: services.config.bot.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.turn('beforeTurn', async (context) => {
    if (!tenantAllowed(services, context)) {
      services.log.warn(
        { tenant: context.activity.conversation.tenantId },
        'activity from a tenant that is not allowed: ignored',
      );
      if (context.activity.type === 'invoke')
        await answerInvoke(
          context,
          errorCard(new NotAuthorisedError('Your organisation cannot use this bot.')),
          403,
        );
      return false;
    }
    const caller = await identify(services, context);
    if (caller) context.turnState.set(CALLER, caller);
    return true;
  });

  const personal = (pattern: RegExp) => (context: TurnContext) =>
    Promise.resolve(
      context.activity.type === 'message' && pattern.test((context.activity.text || '').trim()),
    );
  // A manager command is run in one service: named (`status for lra`), the only one, or picked on a card.
  const managed =
    (handler: Handler): Handler =>
    async (svc, context, caller) => {
      const chosen = await managerService(svc, context, caller, (context.activity.text || '').trim());
      if (chosen) await handler(chosen.services, context, chosen.caller);
    };
  const routes: [RegExp, Handler][] = [
    [/^help\b/i, help],
    [/^(load|upload)\s+(the\s+)?plan\b/i, loadPlanHint],
    [/^status\b/i, owner.status],
    [/^chase\s*me\b/i, owner.chaseMe],
    [owner.QUICK_REPLY, owner.quickReply],
    [owner.HAND_OVER_COMMAND, owner.handOverCommand],
    [/^open\s+\d{4}\/\d{2}/i, managed(manager.openCommand)],
    [MANAGER_ROLE_COMMAND, managed(managerRoleCommand)],
    [LEAD_ROLE_COMMAND, leadRoleCommand],
    [/^register\s+corporate\s+channel\b/i, council.registerCorporateChannel],
    [/^register\s+smt\s+channel\b/i, managed(manager.registerChannel)],
    [/^schedule\b/i, managed(scheduleCommand)],
    [/^chase\s+now\b/i, managed(manager.chaseNowCommand)],
    [/^resend\s+failed\b/i, managed(manager.resendFailedCommand)],
    [/^digest\s+preview\b/i, managed(digestPreview)],
    [/^digest\s+approve\b/i, managed(digestApproveCommand)],
    [/^digest\s+publish\b/i, managed(digestPublishCommand)],
    [/^report\b/i, managed(reportCommand)],
    [RECORD_COMMAND, managed(recordCommand)],
    [SEND_BACK_COMMAND, managed(sendBackCommand)],
    [/^ask\b/i, askCommand],
  ];
  // A plan sent as files (before the commands: the message may hold text too).
  app.message(
    (context) => Promise.resolve(context.activity.type === 'message' && hasFiles(context)),
    withCaller(planUpload, services),
  );
  for (const [pattern, handler] of routes) app.message(personal(pattern), withCaller(handler, services));
  app.adaptiveCards.actionSubmit(IMPORT_UPLOAD, (context) => withCaller(importUpload, services)(context));
  app.adaptiveCards.actionSubmit(CANCEL_UPLOAD, (context) => withCaller(cancelUpload, services)(context));

  // A button of the "Which service?" card: the command again, in the service picked (as if typed with it).
  app.adaptiveCards.actionSubmit(PICK_SERVICE, async (context, _state, data) => {
    const picked = pickedCommand(data);
    const route = picked && routes.find(([pattern]) => pattern.test(picked));
    if (!picked || !route) {
      await sendCards(context, [
        messageCard({
          title: '⚠ Out of date',
          lines: ['This card is out of date. Type the command again, e.g. "status for lra".'],
        }),
      ]);
      return;
    }
    context.activity.text = picked;
    await withCaller(route[1], services)(context);
  });

  registerCardVerbs(app, services, callerOf);
  // Show all, on an answer card: the same question again, every item.
  app.adaptiveCards.actionSubmit(ASK_ALL, async (context, _state, data) => {
    const question = (data as { question?: unknown }).question;
    if (typeof question !== 'string' || !question.trim() || question.length > 500) return;
    await askQuestion(services, context, callerOf(context), question, true);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botAdded = (context.activity.membersAdded ?? []).some(
      (m) => m.id === context.activity.recipient.id,
    );
    const caller = callerOf(context);
    if (botAdded && caller) await welcome(services, context, caller);
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    const caller = callerOf(context);
    if (action.startsWith('remove')) await uninstalled(services, context, caller);
    else if (caller) await welcome(services, context, caller);
  });

  // The answer to a file consent card (the committee report as files).
  app.activity(
    (context) =>
      Promise.resolve(context.activity.type === 'invoke' && context.activity.name === 'fileConsent/invoke'),
    async (context) => {
      await withCaller(fileConsent, services)(context);
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    },
  );

  // Any other invoke (a card from an older version, a feature this bot does not offer): a card, never a 501.
  app.activity(ActivityTypes.Invoke, async (context) => {
    await answerInvoke(
      context,
      messageCard({
        title: '⚠ Not available',
        lines: ['RAG Chaser does not offer that here. Type "help" to see what it can do.'],
      }),
    );
  });

  // Anything else typed in a 1:1 chat gets a pointer to help (a card submit without a verb is handled above).
  app.activity(ActivityTypes.Message, async (context) => {
    if (!context.activity.text && context.activity.value) {
      await sendCards(context, [
        messageCard({
          title: '⚠ Unknown action',
          lines: ['This card is out of date. Type "chase me" for a fresh one.'],
        }),
      ]);
      return;
    }
    // A question, from a service manager in chat or anyone in an SMT channel.
    const text = (context.activity.text || '').trim();
    if (text && (await askQuestion(services, context, callerOf(context), text))) return;
    await sendCards(context, [
      messageCard({
        title: 'Sorry, I did not understand that',
        lines: owner.STARTS_WITH_RATING.test(text)
          ? [
              'Write a quick answer with a colon: "amber: what happened", or "amber LRA-1.1.01: what happened".',
            ]
          : ['Type "help" to see what I can do, or "status" to see what you still owe.'],
      }),
    ]);
  });

  // The error boundary of commands and events: every invoke gets a card, every message a reply.
  app.error(async (context, error) => {
    const card = boundaryCard(services.log, error, { activity: context.activity.type });
    if (context.activity.type === 'invoke') await answerInvoke(context, card);
    else await sendCards(context, [card]);
  });
  return app;
}
