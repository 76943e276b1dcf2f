/**
 * Reach owners who have not installed the app: before their messages go out, the installer (Microsoft
 * Graph) installs it for them and gives the 1:1 chat, which is stored before anything is sent, so a run
 * that dies in between resumes without a second install. Someone who uninstalled or blocked the bot is
 * left as they chose; a failure is recorded with its reason and fix, and the message reports them
 * unreachable as before.
 */
import type { PlannedMessage } from './fanout-types';
import type { AppDeps, Person, ReachedBy } from '../ports';

/** Owners the app may be installed for: never seen, or seen without the app. */
function installable(person: Person | undefined): boolean {
  if (!person) return true;
  if (person.conversation && person.reachable) return false;
  return person.unreachableCode !== 'removed';
}

const AT_ONCE = 4;
/** `reachedBy` while an install is under way. */
const INSTALLING: ReachedBy = 'installing';

/** The reason given for someone Graph no longer finds, who was reached before: they have probably left. */
export const LEFT_REASON =
  'no longer in the directory, though reached before (left the council?): hand their items to a colleague ("hand over <item> to <colleague>") and change the owner in the plan';

/** Someone the bot knew: reached in Teams before, or installed for. */
const knownBefore = (person: Person | undefined): boolean =>
  Boolean(person && (person.aadObjectId || person.reachedBy === 'installed' || person.conversation));

export interface Reached {
  /** Owners whose install hit a temporary fault: their messages are tried again by the next run. */
  readonly retryLater: Map<string, string>;
  /** Owners found gone from the directory just now, who were reached before: reported for reassignment. */
  readonly left: string[];
}

/** Installs for the chunk's recipients who need it; `people` is updated with what was stored. */
export async function reachRecipients(
  deps: Pick<AppDeps, 'installer' | 'people'>,
  chunk: readonly PlannedMessage[],
  people: Map<string, Person>,
  now: string,
): Promise<Reached> {
  const reached: Reached = { retryLater: new Map(), left: [] };
  const installer = deps.installer;
  if (!installer) return reached;
  const upns = [
    ...new Set(chunk.filter((m) => !m.conversation).map((m) => m.recipient.toLowerCase())),
  ].filter((upn) => installable(people.get(upn)));
  for (let i = 0; i < upns.length; i += AT_ONCE) {
    await Promise.all(
      upns.slice(i, i + AT_ONCE).map(async (upn) => {
        // Marked first: if this run dies after Graph installed the app, the next one's 409 is still ours.
        const before = people.get(upn);
        if (before?.reachedBy !== INSTALLING)
          people.set(upn, await deps.people.upsert(upn, { reachedBy: INSTALLING }, now));
        const result = await installer.install(upn);
        if (result.outcome === 'installed') {
          const stored = await deps.people.upsert(
            upn,
            {
              conversation: result.conversation,
              ...(result.aadObjectId ? { aadObjectId: result.aadObjectId } : {}),
              reachable: true,
              unreachableReason: '',
              unreachableCode: '',
              // Installed already (by them, or a setup policy): reached in Teams as anyone else.
              reachedBy: result.already && before?.reachedBy !== INSTALLING ? '' : 'installed',
            },
            now,
          );
          people.set(upn, stored);
        } else if (result.outcome === 'unreachable') {
          const gone = result.code === 'not-in-directory' && knownBefore(before);
          if (gone && before?.unreachableCode !== 'left') reached.left.push(upn);
          const stored = await deps.people.upsert(
            upn,
            {
              conversation: '',
              reachable: false,
              unreachableReason: gone ? LEFT_REASON : result.reason,
              unreachableCode: gone ? 'left' : result.code,
              reachedBy: before?.reachedBy === 'installed' ? 'installed' : '',
            },
            now,
          );
          people.set(upn, stored);
        } else {
          reached.retryLater.set(upn, `could not install the app for them yet: ${result.error}`);
        }
      }),
    );
  }
  return reached;
}
