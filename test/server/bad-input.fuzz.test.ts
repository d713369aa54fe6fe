/**
 * Property-based bad input (fast-check): thousands of malformed bodies, headers, paths and methods.
 * Never a 5xx; every error is the JSON error body; the endpoint stays healthy afterwards. Runs on
 * both adapters: a database can refuse what the other stores (a NUL in PostgreSQL text).
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/protocol';
import type { Storage } from '../../server/src/storage/types';
import { adapters, envelope, serve, type StorageFixture, type TestServer } from './helpers';

const PATHS = [
  '/healthz',
  '/v1/workspaces',
  '/v1/invites',
  '/v1/join',
  '/v1/workspace',
  '/v1/devices/x',
  '/v1/devices/me/key',
  '/v1/sync',
  '/',
  '/v1',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

/** Sync requests that are almost right: each field is sometimes well-formed, sometimes not. */
const nearlySync = (hlc: string) =>
  fc.record(
    {
      since: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      messages: fc.oneof(
        fc.array(
          fc.record(
            {
              hlc: fc.oneof(fc.constant(hlc), fc.string(), fc.integer()),
              keyId: fc.oneof(fc.constant('k1'), fc.string({ maxLength: 40 })),
              body: fc.oneof(
                fc.base64String().map((s) => s.replace(/=+$/, '')),
                fc.string(),
              ),
              device: fc.string(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 5 },
        ),
        fc.anything(),
      ),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );

function rawAnswer(url: string, payload: Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.end(payload));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
    socket.setTimeout(3_000, () => socket.destroy());
  });
}

describe.each(adapters)('bad input on %s', (_kind, makeFixture) => {
  let fixture: StorageFixture;
  let storage: Storage;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    fixture = await makeFixture();
    storage = await fixture.open();
    server = await serve(storage);
    ({ token } = await server.api.newWorkspace());
  });
  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await fixture?.cleanup();
  });

  it('answers malformed requests with a 4xx JSON error, never a 5xx', async () => {
    const request = fc.record({
      method: fc.constantFrom(...METHODS),
      path: fc.oneof(
        fc.constantFrom(...PATHS),
        fc.webPath(),
        printable.map((s) => `/v1/${s}`),
      ),
      authorization: fc.option(
        fc.oneof(
          fc.constant(`Bearer ${token}`),
          printable,
          printable.map((s) => `Bearer ${s}`),
        ),
      ),
      contentType: fc.option(fc.oneof(fc.constant('application/json'), fc.constant('application/json; charset=utf-8'), printable)),
      body: fc.oneof(
        fc.json(),
        nearlySync(envelope(0).hlc).map((v) => JSON.stringify(v)),
        fc.string(),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, authorization, contentType, body }) => {
        const headers: Record<string, string> = {};
        if (authorization !== null) headers.authorization = authorization;
        if (contentType !== null) headers['content-type'] = contentType;
        const response = await fetch(server.url + path, {
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
        });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400 && method !== 'HEAD') {
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
          expect(errorBodySchema.safeParse(JSON.parse(text)).success).toBe(true);
        }
      }),
      { numRuns: 2_500 },
    );
    // 2,500 requests take a few seconds alone, several times that on a machine shared with other test runs.
  }, 120_000);

  it('answers any text in the text fields with 201 or a 4xx, never a 5xx (PostgreSQL cannot store a NUL)', async () => {
    // Full Unicode, lone surrogates and control characters included.
    const text = fc.string({ unit: 'binary', maxLength: 90 });
    const post = (path: string, json: unknown) =>
      fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    await fc.assert(
      fc.asyncProperty(text, text, text, async (deviceName, signupSecret, code) => {
        for (const response of [
          await post('/v1/workspaces', { deviceName }),
          await post('/v1/workspaces', { deviceName: 'Laptop', signupSecret }),
          await post('/v1/join', { code, deviceName }),
        ]) {
          expect(response.status).toBeLessThan(500);
          expect([201, 400, 404]).toContain(response.status);
          await response.text();
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('answers garbage on the wire with a 4xx, never a 5xx', async () => {
    const line = fc.record({
      method: fc.oneof(fc.constantFrom(...METHODS), printable),
      target: fc.oneof(fc.webPath(), printable, fc.constant('*'), fc.constant('http://[::1')),
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/9.9', ''),
      headers: fc.array(fc.tuple(printable, printable), { maxLength: 4 }),
      tail: fc.uint8Array({ maxLength: 64 }),
    });
    await fc.assert(
      fc.asyncProperty(line, async ({ method, target, version, headers, tail }) => {
        const head = `${method} ${target} ${version}\r\nHost: x\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
        const answer = await rawAnswer(server.url, Buffer.concat([Buffer.from(head, 'latin1'), tail]));
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
        if (status !== undefined) expect(Number(status)).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('is healthy afterwards', async () => {
    expect((await server.api.request('GET', '/healthz')).status).toBe(200);
    expect((await server.api.sync(token, 0)).status).toBe(200);
  });
});
