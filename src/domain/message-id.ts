/**
 * The id of every proactive message of a cycle, and of every step: one grammar, formatted and parsed here
 * only. Ids are stored (outbox row keys), so the strings never change: `chase|<upn>|<part>`,
 * `reminder-5|<upn>|1`, `chase-now-201607071030|<upn>|1`, `escalate|<upn>`, `opened|<upn>`,
 * `left-<step>|<upn>`, `digest|smt|<part>`, `digest-due|<upn>`, `handover|<item>|<to>|<at>|<upn>`,
 * `council|corporate|<part>`, `email|<stage>|<upn>`, `sendback|<item>|<at>|<upn>`.
 */

/** A cycle step: the chase, a reminder n working days before the deadline, a manager's chase-now, the escalation. */
export type StepId =
  | { readonly kind: 'chase' }
  | { readonly kind: 'reminder'; readonly days: number }
  | { readonly kind: 'chase-now'; readonly at: string }
  | { readonly kind: 'escalate' };

export type MessageId =
  | { readonly kind: 'step'; readonly step: StepId; readonly recipient: string; readonly part?: number }
  | { readonly kind: 'opened'; readonly recipient: string }
  | { readonly kind: 'left'; readonly step: StepId; readonly recipient: string }
  | { readonly kind: 'digest'; readonly part: number }
  | { readonly kind: 'digest-due'; readonly recipient: string }
  | {
      readonly kind: 'handover';
      readonly item: string;
      readonly to: string;
      readonly at: string;
      readonly recipient: string;
    }
  | { readonly kind: 'council'; readonly part: number }
  | { readonly kind: 'sendback'; readonly item: string; readonly at: string; readonly recipient: string }
  | { readonly kind: 'email'; readonly stage: string; readonly recipient: string };

export function formatStep(step: StepId): string {
  switch (step.kind) {
    case 'chase':
    case 'escalate':
      return step.kind;
    case 'reminder':
      return `reminder-${step.days}`;
    case 'chase-now':
      return `chase-now-${step.at}`;
  }
}

export function parseStep(text: string): StepId | undefined {
  if (text === 'chase' || text === 'escalate') return { kind: text };
  const reminder = /^reminder-(\d{1,3})$/.exec(text);
  if (reminder) return { kind: 'reminder', days: Number(reminder[1]) };
  const now = /^chase-now-(\d{12})$/.exec(text)?.[1];
  if (now) return { kind: 'chase-now', at: now };
  return undefined;
}

/** The working days before the deadline of a reminder step's id (0 for any other step). */
export function reminderDays(stepId: string): number {
  const step = parseStep(stepId);
  return step?.kind === 'reminder' ? step.days : 0;
}

/** A chase-now step for the minute `now` (ISO): pressing twice in one minute is one step. */
export const chaseNowStep = (now: string): StepId => ({
  kind: 'chase-now',
  at: now.slice(0, 16).replace(/[-:T]/g, ''),
});

/** A field of an id must not hold the separator (UPNs, item keys and instants never do). */
function field(value: string): string {
  if (value.includes('|') || value === '') throw new Error(`not usable in a message id: "${value}"`);
  return value;
}

export function formatMessageId(id: MessageId): string {
  switch (id.kind) {
    case 'step':
      return [
        formatStep(id.step),
        field(id.recipient),
        ...(id.part === undefined ? [] : [String(id.part)]),
      ].join('|');
    case 'opened':
    case 'digest-due':
      return `${id.kind}|${field(id.recipient)}`;
    case 'left':
      return `left-${formatStep(id.step)}|${field(id.recipient)}`;
    case 'digest':
      return `digest|smt|${id.part}`;
    case 'council':
      return `council|corporate|${id.part}`;
    case 'handover':
      return ['handover', field(id.item), field(id.to), field(id.at), field(id.recipient)].join('|');
    case 'email':
      return `email|${field(id.stage)}|${field(id.recipient)}`;
    case 'sendback':
      return ['sendback', field(id.item), field(id.at), field(id.recipient)].join('|');
  }
}

const part = (text: string | undefined): number | undefined =>
  text !== undefined && /^[1-9]\d{0,3}$/.test(text) ? Number(text) : undefined;

export function parseMessageId(text: string): MessageId | undefined {
  const fields = text.split('|');
  const [head = '', a, b, c, d] = fields;
  switch (head) {
    case 'opened':
    case 'digest-due':
      return fields.length === 2 && a ? { kind: head, recipient: a } : undefined;
    case 'digest':
    case 'council': {
      const n = part(b);
      return fields.length === 3 && a === (head === 'digest' ? 'smt' : 'corporate') && n
        ? { kind: head, part: n }
        : undefined;
    }
    case 'handover':
      return fields.length === 5 && a && b && c && d
        ? { kind: 'handover', item: a, to: b, at: c, recipient: d }
        : undefined;
    case 'email':
      return fields.length === 3 && a && b ? { kind: 'email', stage: a, recipient: b } : undefined;
    case 'sendback':
      return fields.length === 4 && a && b && c
        ? { kind: 'sendback', item: a, at: b, recipient: c }
        : undefined;
  }
  if (head.startsWith('left-')) {
    const step = parseStep(head.slice(5));
    return step && fields.length === 2 && a ? { kind: 'left', step, recipient: a } : undefined;
  }
  const step = parseStep(head);
  if (!step || !a) return undefined;
  if (fields.length === 2) return { kind: 'step', step, recipient: a };
  const n = part(b);
  return fields.length === 3 && n ? { kind: 'step', step, recipient: a, part: n } : undefined;
}

/** The id of a step's message to `recipient` (`part` of a long card), from the step's own id. */
export function stepMessageId(stepId: string, recipient: string, part?: number): string {
  const step = parseStep(stepId);
  if (!step) throw new Error(`not a step id: "${stepId}"`);
  return formatMessageId({ kind: 'step', step, recipient, ...(part === undefined ? {} : { part }) });
}

/** The step a message belongs to (a step's own messages and its leavers notice), if any. */
export function stepOf(id: string): StepId | undefined {
  const parsed = parseMessageId(id);
  return parsed && (parsed.kind === 'step' || parsed.kind === 'left') ? parsed.step : undefined;
}

/**
 * The email stage of a message: the chase, each reminder, the escalation, and every chase-now of the
 * quarter as one (a manager pressing it again must not make the mailbox write again).
 */
export function emailStageOf(id: string): string | undefined {
  const step = stepOf(id);
  if (!step) return undefined;
  return step.kind === 'chase-now' ? 'chase-now' : formatStep(step);
}

/** What the message is, in words for a manager (e.g. when it cannot be sent again as it was). */
export function describeMessage(id: MessageId): string {
  switch (id.kind) {
    case 'step':
      return `${stepName(id.step)} to ${id.recipient}`;
    case 'opened':
      return `the "Opened" summary to ${id.recipient}`;
    case 'left':
      return `the "Owners who may have left" notice to ${id.recipient}`;
    case 'digest':
      return `part ${id.part} of the SMT digest`;
    case 'digest-due':
      return `the "Digest due" reminder to ${id.recipient}`;
    case 'handover':
      return `the hand-over of ${id.item} to ${id.to} (${id.recipient === id.to ? 'their card' : `notice to ${id.recipient}`})`;
    case 'council':
      return `part ${id.part} of the council digest`;
    case 'email':
      return `the email (${id.stage}) to ${id.recipient}`;
    case 'sendback':
      return `${id.item} sent back to ${id.recipient}`;
  }
}

function stepName(step: StepId): string {
  switch (step.kind) {
    case 'chase':
      return 'the chase';
    case 'reminder':
      return `the reminder ${step.days} day(s) before the deadline`;
    case 'chase-now':
      return 'a chase-now';
    case 'escalate':
      return 'the escalation';
  }
}
