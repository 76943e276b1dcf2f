/**
 * Reach owners who have not installed the app: before their messages go out, the installer (Microsoft
 * Graph) installs it for them and gives the 1:1 chat, which is stored before anything is sent, so a run
 * that dies in between resumes without a second install. Someone who uninstalled or blocked the bot is
 * left as they chose; a failure is recorded with its reason and fix, and the message reports them
 * unreachable as before.
 */
import type { PlannedMessage } from './fanout-types';
import type { AppDeps, Person } from './ports';

/** Owners the app may be installed for: never seen, or seen without the app. */
function installable(person: Person | undefined): boolean {
  if (!person) return true;
  if (person.conversation && person.reachable) return false;
  return !/uninstalled|blocked/i.test(person.unreachableReason);
}

const AT_ONCE = 4;

/** Installs for the chunk's recipients who need it; `people` is updated with what was stored. */
export async function reachRecipients(
  deps: Pick<AppDeps, 'installer' | 'people'>,
  chunk: readonly PlannedMessage[],
  people: Map<string, Person>,
  now: string,
): Promise<void> {
  const installer = deps.installer;
  if (!installer) return;
  const upns = [
    ...new Set(chunk.filter((m) => !m.conversation).map((m) => m.recipient.toLowerCase())),
  ].filter((upn) => installable(people.get(upn)));
  for (let i = 0; i < upns.length; i += AT_ONCE) {
    await Promise.all(
      upns.slice(i, i + AT_ONCE).map(async (upn) => {
        const result = await installer.install(upn);
        if (result.outcome === 'installed') {
          const stored = await deps.people.upsert(
            upn,
            {
              conversation: result.conversation,
              reachable: true,
              unreachableReason: '',
              // Installed already (by them, or a setup policy): reached in Teams as anyone else.
              reachedBy: result.already ? '' : 'installed',
            },
            now,
          );
          people.set(upn, stored);
        } else if (result.outcome === 'unreachable') {
          const stored = await deps.people.upsert(
            upn,
            { conversation: '', reachable: false, unreachableReason: result.reason },
            now,
          );
          people.set(upn, stored);
        }
      }),
    );
  }
}
