/** `rag-chaser ask "<question>"`: the same answers as in Teams, over the current returns of one service. */
import { ask } from '../app/ask/ask';
import { RAG_LABEL } from '../domain/rag';
import { ValidationError } from '../domain/errors';
import type { Runtime } from '../runtime';
import type { Output } from './output';

export async function askCommand(rt: Runtime, out: Output, question: string, json = false): Promise<void> {
  const service = rt.current?.service;
  const answer = await ask(
    [{ key: service?.key ?? '', name: service?.name ?? '', deps: { ...rt, zone: rt.config.timezone } }],
    'current',
    question,
  );
  if (!answer.ok)
    throw new ValidationError(
      `I can't answer that yet. ${answer.message} Try, for example: ${answer.examples.map((e) => `"${e}"`).join(', ')}.`,
    );
  if (json) {
    out.line(JSON.stringify({ title: answer.title, items: answer.rows }, null, 2));
    return;
  }
  out.line(answer.title);
  for (const r of answer.rows) {
    const rating = r.rating ? RAG_LABEL[r.rating].word : r.answered ? 'Returned' : 'Not returned';
    const commentary = r.commentary.trim()
      ? `: ${r.commentary.trim().replace(/\s+/g, ' ').slice(0, 120)}`
      : '';
    out.line(`${rating.padEnd(12)} ${r.id.padEnd(12)} ${r.title.slice(0, 70)} (${r.owner})${commentary}`);
  }
}
