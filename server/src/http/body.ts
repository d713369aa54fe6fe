/**
 * Reading JSON request bodies under the 1 MiB limit. The limit is enforced while the stream is
 * read (a declared Content-Length over the limit is refused before reading anything; a chunked or
 * understated body is cut off at the limit), never after buffering everything.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { MAX_REQUEST_BYTES } from '../../../lib/protocol';
import { ApiError } from './errors';
import type { AppEnv } from './types';

/** Zod issues returned as `details`; the first ones say enough, 500 bad envelopes need not echo 500 issues. */
const MAX_ISSUES = 20;

/** Reads, parses and validates a JSON body, or throws the matching ApiError (400/413/415). */
export async function readJson<T>(c: Context<AppEnv>, schema: z.ZodMiniType<T>): Promise<T> {
  const type = c.req.header('content-type');
  if (!type || !/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported-media-type', 'Send the body as application/json');
  }
  const raw = await readLimited(c, MAX_REQUEST_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError('invalid-json', 'The body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError('invalid-request', 'The body does not match the request schema', result.error.issues.slice(0, MAX_ISSUES));
  }
  return result.data;
}

function tooLarge(): ApiError {
  // Connection: close, so the client does not send its next request after an unread body.
  return new ApiError('payload-too-large', `The body is larger than ${MAX_REQUEST_BYTES} bytes`, undefined, { connection: 'close' });
}

async function readLimited(c: Context<AppEnv>, limit: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > limit) throw tooLarge();
  const incoming = c.env?.incoming;
  if (!incoming) return readWebStream(c.req.raw.body, limit);
  if (incoming.readableEnded) throw new ApiError('bad-request', 'The body was already read');
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: ApiError) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onAbort);
      incoming.off('close', onClose);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the node adapter drains or drops the rest of the stream after the answer.
        incoming.pause();
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onAbort = () => finish(new ApiError('bad-request', 'The request body was cut off'));
    const onClose = () => {
      if (!incoming.readableEnded) onAbort();
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onAbort);
    incoming.on('close', onClose);
  });
}

/** The same limit for runtimes without a Node IncomingMessage (e.g. `app.request()` in a unit test). */
async function readWebStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
