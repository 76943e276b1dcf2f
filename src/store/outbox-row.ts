/** The row a new outbox message starts as, shared by the Table and in-memory outbox stores. */
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
