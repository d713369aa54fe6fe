/**
 * Serves an app over HTTP/1.1 with @hono/node-server, making even the errors that happen before
 * the app runs (unparseable request line, bad Host, oversized headers) JSON error answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { Hono } from 'hono';
import { ERROR_STATUS, type ErrorCode } from '../../../lib/protocol';
import { errorJson, errorResponse } from './errors';
import type { Logger } from './logging';
import type { AppEnv } from './types';

export interface RunningServer {
  server: Server;
  /** `http://host:port` as bound (port 0 resolved). */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

export interface ServeOptions {
  hostname: string;
  port: number;
  logger: Logger;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** Node's parser rejects the request before any handler runs; answer it in the same JSON shape. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'bad-request';
  const status = ERROR_STATUS[code];
  const body = errorJson(code, code === 'bad-request' ? 'Malformed HTTP request' : STATUS_TEXT[status]);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=UTF-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on `hostname:port` (0 picks a free port) and resolves once it does. */
export function startServer(app: Hono<AppEnv>, { hostname, port, logger }: ServeOptions): Promise<RunningServer> {
  const listener = getRequestListener(app.fetch, {
    hostname,
    errorHandler: (error) => {
      if (error instanceof RequestError) return errorResponse('bad-request', 'Malformed request target or Host');
      logger.error({ msg: 'unexpected adapter error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return errorResponse('internal', 'Internal error');
    },
  });
  // A slow or stalled client cannot hold a request open for Node's default five minutes.
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 20_000 }, listener);
  server.on('clientError', answerClientError);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        port: address.port,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
