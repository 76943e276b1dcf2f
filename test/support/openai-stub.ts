/**
 * An OpenAI-compatible endpoint on 127.0.0.1 (`POST /v1/chat/completions`, the chat completions shape with
 * tool calls): it answers as told per request, and can answer 429 with Retry-After, hang past the client's
 * timeout, or refuse with a content filter error. It keeps every request body to check what was sent.
 */
import express from 'express';
import type { Server } from 'node:http';
import { closeServer, listenLocal } from './listen';

export interface ChatRequest {
  readonly model: string;
  readonly messages: { role: string; content: string }[];
  readonly tools?: { type: string; function: { name: string; parameters: unknown } }[];
  readonly tool_choice?: unknown;
}

export type StubReply =
  | { readonly tool: string; readonly args: Record<string, unknown> }
  | { readonly content: string }
  | { readonly status: 429; readonly retryAfter: string }
  | { readonly status: 400; readonly code: 'content_filter' }
  | { readonly hangMs: number };

export class OpenAiStub {
  readonly requests: ChatRequest[] = [];
  /** Decides the reply to each request; by default, no tool and no words. */
  reply: (request: ChatRequest) => StubReply = () => ({ content: '' });
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.post('/v1/chat/completions', (req, res) => {
      const body = req.body as ChatRequest;
      if (req.headers.authorization !== 'Bearer test-key')
        return void res.status(401).json({ error: { message: 'bad key', type: 'invalid_request_error' } });
      this.requests.push(body);
      const reply = this.reply(body);
      if ('hangMs' in reply) {
        const timer = setTimeout(() => res.json(completion(body, { content: 'too late' })), reply.hangMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if ('status' in reply && reply.status === 429)
        return void res
          .status(429)
          .set('retry-after', reply.retryAfter)
          .json({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
      if ('status' in reply)
        return void res.status(400).json({
          error: {
            message: 'The response was filtered',
            type: 'invalid_request_error',
            code: 'content_filter',
          },
        });
      res.json(completion(body, reply));
    });
    ({ server: this.server, url: this.url } = await listenLocal(app));
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}

function completion(
  body: ChatRequest,
  reply: { tool: string; args: Record<string, unknown> } | { content: string },
) {
  const message =
    'tool' in reply
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: reply.tool, arguments: JSON.stringify(reply.args) },
            },
          ],
        }
      : { role: 'assistant', content: reply.content };
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, finish_reason: 'tool' in reply ? 'tool_calls' : 'stop' }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}
