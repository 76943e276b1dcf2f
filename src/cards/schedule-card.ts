/** The schedule card: current settings as inputs, and the dates they give for a quarter. */
import { reminderDays } from '../domain/message-id';
import template from './schedule-card.json';
import { render, type CardJson } from './render';
import { cycleTimes, type Schedule } from '../domain/schedule';
import { formatDay, formatLocal } from '../domain/local-time';
import { formatQuarter, type Quarter } from '../domain/quarter';

export function scheduleCard(
  schedule: Schedule,
  quarter: Quarter,
  zone: string,
  notes: { error?: string; saved?: string } = {},
  service = '',
): CardJson {
  const t = cycleTimes(quarter, schedule, zone);
  const dates = [
    { title: `${formatQuarter(quarter)} opens`, value: formatLocal(t.opensAt, zone) },
    ...t.steps
      .filter((s) => s.kind === 'reminder')
      .map((s) => ({ title: `Reminder (${reminderDays(s.id)})`, value: formatLocal(s.at, zone) })),
    { title: 'Deadline', value: `end of ${formatDay(t.deadlineDay)}` },
    ...t.steps
      .filter((s) => s.kind === 'escalate' || s.kind === 'digest')
      .map((s) => ({
        title: s.kind === 'escalate' ? 'Escalation' : 'Digest',
        value: formatLocal(s.at, zone),
      })),
  ];
  return render(template, {
    service,
    zone,
    error: notes.error ?? '',
    saved: notes.saved ?? '',
    opens: schedule.opensAfterQuarterEnd,
    deadline: schedule.deadlineAfterQuarterEnd,
    reminders: schedule.remindersBeforeDeadline.join(', '),
    escalationEnabled: String(schedule.escalationEnabled),
    escalate: schedule.escalateAfterDeadline,
    digestEnabled: String(schedule.digestEnabled),
    digest: schedule.digestAfterDeadline,
    time: schedule.timeOfDay,
    dates,
  });
}
