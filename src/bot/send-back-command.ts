/**
 * `send back <item id>: <note>`: a service manager asks the owner to look at a return again. The rules
 * (who may, when, one at a time) are the use case's; this reads the words and says what happened.
 */
import type { TurnContext } from 'botbuilder';
import { sendBackReturn } from '../app/returns/send-back';
import { itemTitle } from '../domain/returns';
import { say } from './replies';
import type { BotDeps, Caller } from './deps';

export const SEND_BACK_COMMAND = /^\s*send\s+back\b/i;
const SEND_BACK = /^\s*send\s+back\s+([^\s:]+)\s*(?::|\s[-–])\s*([\s\S]*\S)\s*$/i;
const USAGE = 'Write it as: send back LRA-1.1.01: the commentary describes a delay, so is it really Green?';

export async function sendBackCommand(deps: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const match = SEND_BACK.exec(context.activity.text);
  if (!match) return say(context, 'Not sent back', [USAGE]);
  const [, id = '', note = ''] = match;
  const result = await sendBackReturn(deps, {
    actor: { upn: caller.upn, serviceManager: caller.serviceManager },
    item: id,
    note,
    now: deps.clock(),
  });
  deps.log.info({ item: result.item.key, by: caller.upn }, 'return sent back');
  const reached = [...result.sent.sent, ...result.sent.alreadyDone];
  await say(context, 'Sent back', [
    `${itemTitle(result.item)} is sent back to ${result.to.join(' and ')} with your note. It counts as outstanding (status, reminders, the digest) until it is answered again.`,
    ...(result.to.some((upn) => !reached.includes(upn))
      ? ['Teams could not reach everyone yet: they see it on their card when they open it ("chase me").']
      : []),
  ]);
}
