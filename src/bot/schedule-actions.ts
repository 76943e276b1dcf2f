/** `schedule` in chat (service managers) and the card's `saveSchedule` verb. */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { setSchedule, showSchedule } from '../app/cycle/set-schedule';
import type { CardActionData } from '../cards/actions';
import { scheduleCard } from '../cards/schedule-card';
import type { CardJson } from '../cards/render';
import { describeProblems, ValidationError } from '../domain/errors';
import { localDate } from '../domain/local-time';
import { quarterOf } from '../domain/quarter';
import { sendCards } from './replies';
import { actorOf, type BotDeps, type Caller } from './deps';

const num = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, 'use a whole number of working days')])
  .transform(Number);
const formSchema = z.object({
  opensAfterQuarterEnd: num,
  deadlineAfterQuarterEnd: num,
  remindersBeforeDeadline: z
    .string()
    .default('')
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.some((p) => !/^\d+$/.test(p)))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'Reminders are whole numbers of working days separated by commas, e.g. 5, 1.',
        });
      return parts.map(Number);
    }),
  escalationEnabled: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  escalateAfterDeadline: num.optional(),
  digestEnabled: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  digestAfterDeadline: num.optional(),
  timeOfDay: z.string().trim(),
});

function currentQuarter(services: BotDeps) {
  return quarterOf(localDate(services.clock(), services.zone));
}

export async function scheduleCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const schedule = await showSchedule(services, { actor: actorOf(services, caller) });
  await sendCards(context, [
    scheduleCard(schedule, currentQuarter(services), services.zone, {}, services.service?.key),
  ]);
}

/** Validates the form, saves, and answers with the card showing the new dates (or what to fix). */
export async function saveSchedule(
  services: BotDeps,
  caller: Caller,
  raw: CardActionData<'saveSchedule'>,
): Promise<CardJson> {
  const actor = actorOf(services, caller);
  // Refused here for anyone but a manager, before the form is read.
  const current = await showSchedule(services, { actor });
  const quarter = currentQuarter(services);
  const parsed = formSchema.safeParse(raw);
  try {
    if (!parsed.success)
      throw new ValidationError(
        'The schedule was not changed.',
        parsed.error.issues.map((i) => ({ column: i.path.join('.'), message: i.message })),
      );
    const { escalateAfterDeadline, digestAfterDeadline, ...rest } = parsed.data;
    const saved = await setSchedule(services, {
      actor,
      changes: {
        ...rest,
        ...(escalateAfterDeadline !== undefined ? { escalateAfterDeadline } : {}),
        ...(digestAfterDeadline !== undefined ? { digestAfterDeadline } : {}),
      },
      now: services.clock(),
    });
    services.log.info({ by: caller.upn }, 'schedule changed');
    return scheduleCard(
      saved,
      quarter,
      services.zone,
      {
        saved: 'Saved. Open quarters follow it for steps not yet due.',
      },
      services.service?.key,
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return scheduleCard(
      current,
      quarter,
      services.zone,
      {
        error: `Not saved. ${describeProblems(error.problems)}`,
      },
      services.service?.key,
    );
  }
}
