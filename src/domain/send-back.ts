/**
 * A return sent back: a service manager asks the owner to look again, with a note. The answer stays in
 * the record (history keeps it); the item counts as outstanding until it is answered again. A send-back
 * is added, never rewritten: it is open while the answer it was about is still the current one.
 */
import { z } from 'zod';
import type { ItemKey, StoredReturn } from './returns';
import { COMMENTARY_MAX } from './returns';

export interface SendBack {
  readonly item: ItemKey;
  readonly note: string;
  readonly by: string;
  readonly at: string;
  /** The version of the answer sent back. */
  readonly version: number;
}

/** An item sent back and not answered again: the note, and the answer it was about (to fill the card). */
export interface SentBack extends SendBack {
  readonly answer: StoredReturn;
}

/** The note: plain text, the commentary's length limit, never empty. */
export const sendBackNoteSchema = z
  .string({ invalid_type_error: 'Write the note as text.' })
  .transform((s) =>
    s
      .replace(/\r\n?/g, '\n')
      .replace(/(?![\n\t])\p{Cc}/gu, '')
      .trim(),
  )
  .pipe(
    z
      .string()
      .min(
        1,
        'Add a note: say what the owner should look at again, e.g. "send back LRA-1.1.01: the commentary describes a delay".',
      )
      .max(COMMENTARY_MAX, `The note is too long: keep it to ${COMMENTARY_MAX} characters.`),
  );

/** The send-back open on an answer: the latest one about exactly this version, if any. */
export function openSendBack(
  sendBacks: readonly SendBack[],
  current: StoredReturn | undefined,
): SendBack | undefined {
  if (!current) return undefined;
  return sendBacks
    .filter((s) => s.item === current.item && s.version === current.version)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
}

/**
 * The answers as the cycle counts them: an item sent back and not answered again is taken out of the
 * answers (outstanding: chased, reminded, escalated, "not returned") and listed with its note.
 */
export function applySendBacks(
  returns: ReadonlyMap<ItemKey, StoredReturn>,
  sendBacks: readonly SendBack[],
): { returns: Map<ItemKey, StoredReturn>; sentBack: Map<ItemKey, SentBack> } {
  const counted = new Map(returns);
  const sentBack = new Map<ItemKey, SentBack>();
  for (const item of new Set(sendBacks.map((s) => s.item))) {
    const answer = returns.get(item);
    const open = openSendBack(sendBacks, answer);
    if (!open || !answer) continue;
    counted.delete(item);
    sentBack.set(item, { ...open, answer });
  }
  return { returns: counted, sentBack };
}
