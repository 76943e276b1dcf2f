/**
 * Each person's allowance of AI calls (free-wording questions, drafts): the AI service is paid per call
 * and slow, and one person pasting questions in a loop must not use it up for everyone. Counted in
 * storage per person and hour, so every instance and restart shares it.
 */
import type { LeaseStore } from '../ports';

/** AI calls a person may make in one clock hour (UTC). */
export const AI_CALLS_PER_HOUR = 30;

/** Asks the allowance for one more call; false once the hour's calls are used. */
export const aiAllowance =
  (leases: Pick<LeaseStore, 'take'>, who: string, now: string) => (): Promise<boolean> =>
    leases.take(`ai|${who.toLowerCase()}|${now.slice(0, 13)}`, AI_CALLS_PER_HOUR);
