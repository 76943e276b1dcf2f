/**
 * The edge of POST /api/messages: an activity must have the envelope every Bot Framework activity has
 * before the adapter sees it. botbuilder trusts these fields (it builds URLs and table keys from them)
 * and answers a broken envelope with a 500; here it gets a 400 that says which field is wrong.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Ids go into the connector's URLs: text without control characters or broken surrogate pairs. */
function brokenText(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (low) return true;
    if (high) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    }
  }
  return false;
}
const id = z
  .string()
  .min(1)
  .max(1024)
  .refine((s) => !brokenText(s), 'must be text without control characters or broken characters');

const envelope = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z
      .string()
      .max(2048)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
    conversation: z
      .object({
        id,
        conversationType: z.string().max(64).optional(),
        tenantId: z.string().max(64).optional(),
      })
      .passthrough(),
    from: z
      .object({
        id,
        name: z.string().max(1024).optional(),
        // Entra object ids are GUIDs; `/ \\ # ?` would not even be valid table keys.
        aadObjectId: z
          .string()
          .regex(/^[A-Za-z0-9._@-]{1,128}$/, 'must be an Entra object id (a GUID)')
          .optional(),
      })
      .passthrough(),
    recipient: z.object({ id }).passthrough(),
    text: z.string().max(100_000).optional(),
    // Teams sends a list of attachment objects; anything else would reach the handlers as garbage.
    attachments: z
      .array(z.object({ contentType: z.string().max(255) }).passthrough())
      .max(20)
      .optional(),
  })
  .passthrough();

export type EnvelopeCheck = { ok: true; activity: Partial<Activity> } | { ok: false; problem: string };

/** Checks the envelope of an inbound activity; the problem names the field to fix. */
export function checkEnvelope(body: unknown): EnvelopeCheck {
  const parsed = envelope.safeParse(body);
  if (parsed.success) return { ok: true, activity: body as Partial<Activity> };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'activity';
  return {
    ok: false,
    problem: `Not a valid Bot Framework activity: ${where} ${issue?.message ?? ''}`.trim(),
  };
}
