/**
 * Limits, malformed input, rate limits, logging and the error boundary (DESIGN.md, "Limits"),
 * through a real listening endpoint, on both storage adapters (the rate limits are counted in the
 * database, and the error boundary must hold whatever the adapter throws).
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_CHARS, MAX_ENVELOPES_PER_REQUEST, MAX_REQUEST_BYTES } from '../../lib/protocol';
import type { LogFields, Logger } from '../../server/src/http/logging';
import type { Storage } from '../../server/src/storage/types';
import { adapters, envelope, envelopes, node, serve, type Api, type Answer, type StorageFixture, type TestServer } from './helpers';

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({ error: { code, message: expect.any(String) } });
}

/** Sends raw bytes and returns the raw answer (for what fetch refuses to send). */
function rawExchange(url: string, payload: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(text) : reject(error)));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
  });
}

/** Streams `total` bytes as a chunked body (no Content-Length). */
function postChunked(url: string, token: string, total: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + '/v1/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe.each(adapters)('limits and malformed input on %s', (_kind, makeFixture) => {
  let fixture: StorageFixture;
  let storage: Storage;
  let server: TestServer;
  let api: Api;
  let token: string;

  beforeAll(async () => {
    fixture = await makeFixture();
    storage = await fixture.open();
    server = await serve(storage);
    api = server.api;
    ({ token } = await api.newWorkspace());
  });
  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await fixture?.cleanup();
  });

  it('answers 413 to a body over 1 MiB with a Content-Length', async () => {
    const body = JSON.stringify({ since: 0, messages: [] }).padEnd(MAX_REQUEST_BYTES + 1, ' ');
    expectError(
      await api.request('POST', '/v1/sync', { token, body, headers: { 'content-type': 'application/json' } }),
      413,
      'payload-too-large',
    );
    // Exactly at the limit is fine.
    const atLimit = JSON.stringify({ since: 0, messages: [] }).padEnd(MAX_REQUEST_BYTES, ' ');
    expect((await api.request('POST', '/v1/sync', { token, body: atLimit, headers: { 'content-type': 'application/json' } })).status).toBe(
      200,
    );
  });

  it('answers 413 while reading a chunked body without Content-Length', async () => {
    const answer = await postChunked(server.url, token, 3 * MAX_REQUEST_BYTES);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload-too-large' } });
  });

  it('answers 413 at once to a declared Content-Length over the limit, without waiting for the body', async () => {
    const head =
      `POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${10 * MAX_REQUEST_BYTES}\r\n\r\n{"since":0`;
    const answer = await rawExchange(server.url, head);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"payload-too-large"');
  });

  it('reads no more than an understated Content-Length: the rest is a malformed next request', async () => {
    const body = JSON.stringify({ since: 0, messages: [] });
    const payload =
      `POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: 5\r\nConnection: close\r\n\r\n${body}`;
    const answer = await rawExchange(server.url, payload);
    // Whichever is refused first (the 5-byte JSON or the garbage after it), the answer is a JSON 400.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/"code":"(invalid-json|bad-request)"/);
    expect((await api.request('GET', '/healthz')).status).toBe(200);
  });

  it('takes 500 envelopes and refuses 501', async () => {
    const full = await api.sync(token, 0, envelopes(0, MAX_ENVELOPES_PER_REQUEST, { node: node(21), bodyBytes: 8 }));
    expect(full.body.accepted).toBe(MAX_ENVELOPES_PER_REQUEST);
    const over = await api.sync(token, 0, envelopes(0, MAX_ENVELOPES_PER_REQUEST + 1, { node: node(22), bodyBytes: 8 }));
    expectError(over, 400, 'invalid-request');
    expect(over.body.error.details[0]).toMatchObject({ code: 'too_big', path: ['messages'] });
  });

  it('takes a 64 KiB body and refuses a larger or malformed one', async () => {
    const ok = envelope(0, { node: node(23), bodyBytes: 64 * 1024 });
    expect(ok.body).toHaveLength(MAX_BODY_CHARS);
    expect((await api.sync(token, 0, [ok])).body.accepted).toBe(1);
    for (const body of [ok.body + 'A', 'A', '', 'abc=', 'ab+/', 'zz zz']) {
      const bad = await api.sync(token, 0, [{ ...envelope(1, { node: node(23) }), body }]);
      expectError(bad, 400, 'invalid-request');
      expect(bad.body.error.details[0].path).toEqual(['messages', 0, 'body']);
    }
  });

  it('refuses unknown fields and wrong types with the zod issues', async () => {
    const cases: unknown[] = [
      { since: 0, messages: [], extra: 1 },
      { since: 0, messages: [{ ...envelope(0), device: 'forged' }] },
      { since: '0', messages: [] },
      { since: -1, messages: [] },
      { since: 1.5, messages: [] },
      { since: 2 ** 53, messages: [] },
      { since: 0 },
      { since: 0, messages: {} },
      { since: 0, messages: [{ ...envelope(0), hlc: '2026-13-01T00:00:00.000Z-0000-0000000000000001' }] },
      { since: 0, messages: [{ ...envelope(0), hlc: '2026-01-01T00:00:00.000Z-0000-00000000000000G1' }] },
      { since: 0, messages: [{ ...envelope(0), keyId: '' }] },
      { since: 0, messages: [{ ...envelope(0), keyId: 'k'.repeat(33) }] },
      { since: 0, messages: [{ ...envelope(0), keyId: 'k.1' }] },
      [],
      null,
      'sync',
    ];
    for (const json of cases) {
      const answer = await api.request('POST', '/v1/sync', { token, json });
      expectError(answer, 400, 'invalid-request');
      expect(Array.isArray(answer.body.error.details)).toBe(true);
    }
    expectError(await api.request('POST', '/v1/workspaces', { json: { deviceName: '' } }), 400, 'invalid-request');
    expectError(await api.request('POST', '/v1/workspaces', { json: { deviceName: 'x'.repeat(81) } }), 400, 'invalid-request');
    expect((await api.createWorkspace('x'.repeat(80))).status).toBe(201);
    for (const ttlHours of [0, 721, 1.5, '24']) {
      expectError(await api.request('POST', '/v1/invites', { token, json: { role: 'assistant', ttlHours } }), 400, 'invalid-request');
    }
    expectError(await api.request('POST', '/v1/invites', { token, json: { role: 'boss' } }), 400, 'invalid-request');
    expect((await api.invite(token, 'client', 720)).status).toBe(201);
  });

  it('refuses bodies that are not JSON, or not sent as JSON', async () => {
    expectError(
      await api.request('POST', '/v1/sync', { token, body: '{"since":0,', headers: { 'content-type': 'application/json' } }),
      400,
      'invalid-json',
    );
    expectError(
      await api.request('POST', '/v1/sync', { token, body: '{"since":0,"messages":[]}', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported-media-type',
    );
    expectError(await api.request('POST', '/v1/sync', { token, body: '{"since":0,"messages":[]}' }), 415, 'unsupported-media-type');
  });

  it('answers CORS preflights for extension origins, and marks answers readable cross-origin', async () => {
    const preflight = await fetch(`${server.url}/v1/sync`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const answer = await fetch(`${server.url}/healthz`, { headers: { origin: 'moz-extension://x' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 401 without a valid bearer token', async () => {
    expectError(await api.request('POST', '/v1/sync', { json: { since: 0, messages: [] } }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/workspace', { headers: { authorization: 'Basic abc' } }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/workspace', { token: 'A'.repeat(43) }), 401, 'unauthorized');
    expectError(await api.request('GET', '/v1/workspace', { token: token + 'x' }), 401, 'unauthorized');
  });

  it('answers unknown paths and wrong methods with JSON 404 and 405', async () => {
    expectError(await api.request('GET', '/v2/sync'), 404, 'not-found');
    const wrong = await api.request('GET', '/v1/sync');
    expectError(wrong, 405, 'method-not-allowed');
    expect(wrong.headers.get('allow')).toBe('POST');
    expectError(await api.request('PATCH', '/v1/devices/abc', { token }), 405, 'method-not-allowed');
  });

  it('answers requests the HTTP parser refuses with JSON too', async () => {
    const garbage = await rawExchange(server.url, 'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('"bad-request"');
    const huge = await rawExchange(server.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"headers-too-large"');
    const badTarget = await rawExchange(server.url, 'GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(badTarget).toMatch(/^HTTP\/1\.1 400 /);
    expect(badTarget).toContain('"error"');
  });
});

describe.each(adapters)('rate limits, signup secret, logs and the error boundary on %s', (_kind, makeFixture) => {
  let fixture: StorageFixture;
  let storage: Storage;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    fixture = await makeFixture();
    storage = await fixture.open();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await storage?.close();
    await fixture?.cleanup();
  });

  /**
   * The rate-limit buckets live in the storage these servers share, keyed by device and address
   * (all tests come from 127.0.0.1): each server's clock runs an hour after the previous one's, so
   * every test starts with full buckets.
   */
  async function start(options: Parameters<typeof serve>[1] = {}): Promise<TestServer> {
    const offset = (servers.length + 1) * 3_600_000;
    const server = await serve(storage, { now: () => Date.now() + offset, ...options });
    servers.push(server);
    return server;
  }

  it('limits each device token and answers 429 with Retry-After', async () => {
    const { api } = await start({ config: { rateLimitDevice: 5 } });
    const { token } = await api.newWorkspace();
    for (let i = 0; i < 5; i++) expect((await api.sync(token, 0)).status).toBe(200);
    const limited = await api.sync(token, 0);
    expectError(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another device keeps its own budget.
    const other = await api.newWorkspace();
    expect((await api.sync(other.token, 0)).status).toBe(200);
  });

  it('limits unauthenticated work per IP: creating, joining and guessing tokens', async () => {
    const { api } = await start({ config: { rateLimitIp: 3 } });
    expect((await api.createWorkspace()).status).toBe(201);
    expect((await api.join('nope')).status).toBe(404);
    expect((await api.workspace('B'.repeat(43))).status).toBe(401);
    const limited = await api.createWorkspace();
    expectError(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectError(await api.join('nope'), 429, 'rate-limited');
  });

  it('takes the client IP from X-Forwarded-For only when told to trust the proxy', async () => {
    const trusting = (await start({ config: { rateLimitIp: 1, trustProxy: true } })).api;
    const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.9, ${ip}`, 'content-type': 'application/json' });
    const create = (a: Api, ip: string) => a.request('POST', '/v1/workspaces', { body: '{"deviceName":"x"}', headers: from(ip) });
    expect((await create(trusting, '198.51.100.1')).status).toBe(201);
    expect((await create(trusting, '198.51.100.2')).status).toBe(201);
    expect((await create(trusting, '198.51.100.2')).status).toBe(429);
    const wary = (await start({ config: { rateLimitIp: 1 } })).api;
    expect((await create(wary, '198.51.100.1')).status).toBe(201);
    expect((await create(wary, '198.51.100.2')).status).toBe(429);
  });

  it('requires the signup secret when the operator sets one', async () => {
    const { api } = await start({ config: { signupSecret: 's3cret' } });
    expectError(await api.createWorkspace(), 403, 'signup-secret-required');
    expectError(await api.createWorkspace('x', { signupSecret: 'wrong' }), 403, 'signup-secret-required');
    expect((await api.createWorkspace('x', { signupSecret: 's3cret' })).status).toBe(201);
  });

  it('logs one JSON line per request without tokens, codes or bodies', async () => {
    const lines: string[] = [];
    const write = (level: string) => (fields: LogFields) => lines.push(JSON.stringify({ level, ...fields }));
    const logger: Logger = { info: write('info'), error: write('error') };
    const { api } = await start({ logger });
    const client = await api.newWorkspace();
    const invite = await api.invite(client.token);
    const assistant = await api.join(invite.body.code);
    const pushed = envelope(0, { node: node(31) });
    await api.sync(assistant.body.token, 0, [pushed]);
    await api.request('GET', `/v1/join/${invite.body.code}`);
    const secrets = [client.token, invite.body.code, assistant.body.token, pushed.body];
    expect(lines).toHaveLength(5);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/v1/workspaces', 201],
      ['POST', '/v1/invites', 201],
      ['POST', '/v1/join', 201],
      ['POST', '/v1/sync', 200],
      ['GET', '(unmatched)', 404],
    ]);
    expect(records[3]).toMatchObject({
      msg: 'request',
      workspace: client.workspaceId,
      ms: expect.any(Number),
      requestId: expect.any(String),
    });
  });

  it('answers an unexpected failure with 500 and a request id, and logs it', async () => {
    const errors: LogFields[] = [];
    const failing = new Proxy(storage, {
      get: (target, key, receiver) =>
        key === 'listDevices' ? () => Promise.reject(new Error('disk on fire at /var/secret/path')) : Reflect.get(target, key, receiver),
    });
    const server = await serve(failing, { logger: { info: () => {}, error: (f) => errors.push(f) } });
    servers.push(server);
    const { token } = await server.api.newWorkspace();
    const answer = await server.api.workspace(token);
    expectError(answer, 500, 'internal');
    expect(JSON.stringify(answer.body)).not.toContain('fire');
    const requestId = answer.headers.get('x-request-id');
    expect(answer.body.error.message).toContain(requestId);
    expect(errors).toEqual([expect.objectContaining({ requestId, error: expect.stringContaining('disk on fire') })]);
  });
});
