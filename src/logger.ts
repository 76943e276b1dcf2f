/** Structured JSON logs (pino). Never log commentary text, tokens or secrets. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'rag-chaser' },
    redact: {
      paths: ['*.authorization', '*.password', '*.commentary', '*.evidence', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
