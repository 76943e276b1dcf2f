/** The send-backs of a cycle still open (the answer they were about is still the current one). */
import { openSendBack, type SendBack } from '../../domain/send-back';
import type { ReturnStore } from '../ports';

export async function openSendBacks(
  deps: { readonly returns: Pick<ReturnStore, 'sendBacks' | 'get'> },
  cycleKey: string,
): Promise<SendBack[]> {
  const all = await deps.returns.sendBacks(cycleKey);
  const open: SendBack[] = [];
  for (const item of new Set(all.map((s) => s.item))) {
    const current = await deps.returns.get(cycleKey, item);
    const found = openSendBack(all, current?.value);
    if (found) open.push(found);
  }
  return open;
}
