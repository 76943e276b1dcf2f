/** Use case: a service manager names the channel where the service's digests are posted. */
import { ValidationError } from '../../domain/errors';
import { requireManager } from '../council/actors';
import type { Actor, AppDeps, Channel } from '../ports';

export async function registerSmtChannel(
  deps: Pick<AppDeps, 'people'>,
  input: {
    readonly actor: Actor;
    /** The channel the command was typed in; undefined in a 1:1 chat. */
    readonly channel: Channel | undefined;
  },
): Promise<void> {
  requireManager(input.actor, 'register the SMT channel');
  if (!input.channel)
    throw new ValidationError('Type this in the SMT team channel, mentioning the bot, not in a 1:1 chat.');
  await deps.people.setSmtChannel(input.channel);
}
