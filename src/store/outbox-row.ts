/** The row a new outbox message starts as, shared by the Table and in-memory outbox stores. */
import { formatStep, stepOf } from '../domain/message-id';
import type { OutboxRow } from '../app/ports';

export function pendingRow(
  cycleKey: string,
  id: string,
  recipient: string,
  kind: string,
  now: string,
): Omit<OutboxRow, 'etag'> {
  return {
    cycleKey,
    id,
    recipient,
    kind,
    step: stepColumn(id),
    status: 'pending',
    attempts: 0,
    lastError: '',
    activityId: '',
    conversationId: '',
    claimedAt: '',
    claimedBy: '',
    updatedAt: now,
  };
}

/** The step column of a message id (written with the row; rows written before it existed derive it). */
export function stepColumn(id: string): string {
  const step = stepOf(id);
  return step ? formatStep(step) : '';
}
