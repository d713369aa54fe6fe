/**
 * `GET /metrics` (README, operators): off unless ZUARBEIT_METRICS_TOKEN is set, bearer-protected,
 * Prometheus text with the named metrics, whose values follow what the endpoint did. On both
 * adapters, as the gauges are read from the storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/src/storage/types';
import { adapters, envelopes, node, serve, testClock, type StorageFixture, type TestServer } from './helpers';

const TOKEN = 'metrics-token-0123456789';
const HOUR = 3_600_000;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the Prometheus text exposition format (version 0.0.4) strictly: every line is a HELP or
 * TYPE comment or a sample `name{label="value",...} number`; anything else throws.
 */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(`^(${name})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*",?)*)\\})? (\\S+)$`);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (new RegExp(`^# HELP ${name} .*$`).test(line)) continue;
    const sample = sampleLine.exec(line);
    if (!sample) throw new Error(`Not Prometheus text: ${line}`);
    const value = sample[3] === '+Inf' ? Infinity : Number(sample[3]);
    if (Number.isNaN(value) && sample[3] !== 'NaN') throw new Error(`Not a sample value: ${line}`);
    const labels = Object.fromEntries(
      [...(sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    samples.push({ name: sample[1], labels, value });
  }
  return { types, samples };
}

describe.each(adapters)('metrics on %s', (_kind, makeFixture) => {
  let fixture: StorageFixture;
  let storage: Storage;
  const servers: TestServer[] = [];
  const clock = testClock();

  beforeAll(async () => {
    fixture = await makeFixture();
    storage = await fixture.open();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await storage?.close();
    await fixture?.cleanup();
  });

  async function start(metricsToken?: string): Promise<TestServer> {
    const server = await serve(storage, { now: clock.now, config: { metricsToken } });
    servers.push(server);
    return server;
  }

  it('has no /metrics route unless the operator sets a token', async () => {
    const { api } = await start();
    expect(await api.request('GET', '/metrics')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect((await api.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('answers 401 without the right bearer token', async () => {
    const { api } = await start(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, `Basic ${TOKEN}`]) {
      const answer = await api.request('GET', '/metrics', { headers: authorization ? { authorization } : {} });
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    }
  });

  it('serves Prometheus text: requests by route and status, sync latency, messages stored, active devices', async () => {
    const server = await start(TOKEN);
    const { api } = server;
    const scrape = async () => {
      const answer = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheus(await answer.text());
    };
    const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
      samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((n, s) => n + s.value, 0);

    const before = await scrape();
    await api.newWorkspace();
    clock.advance(2 * HOUR);
    const client = await api.newWorkspace();
    const assistant = await api.addDevice(client.token);
    const gone = await api.addDevice(client.token);
    expect((await api.revoke(client.token, gone.deviceId)).status).toBe(204);
    await api.sync(client.token, 0, envelopes(0, 5, { node: node(70) }));
    await api.sync(assistant.token, 0, envelopes(0, 2, { node: node(71) }));
    await api.sync(assistant.token, 7);
    await api.sync(client.token, 'nope' as unknown as number);
    await api.request('GET', '/no/such/path');

    const { types, samples } = await scrape();
    expect(types.get('zuarbeit_http_requests_total')).toBe('counter');
    expect(types.get('zuarbeit_sync_duration_seconds')).toBe('histogram');
    expect(types.get('zuarbeit_messages_stored')).toBe('gauge');
    expect(types.get('zuarbeit_active_devices')).toBe('gauge');

    const requests = (labels: Record<string, string>) =>
      value(samples, 'zuarbeit_http_requests_total', labels) - value(before.samples, 'zuarbeit_http_requests_total', labels);
    expect(requests({ method: 'POST', route: '/v1/sync', status: '200' })).toBe(3);
    expect(requests({ method: 'POST', route: '/v1/sync', status: '400' })).toBe(1);
    expect(requests({ method: 'POST', route: '/v1/workspaces', status: '201' })).toBe(2);
    expect(requests({ method: 'DELETE', route: '/v1/devices/:id', status: '204' })).toBe(1);
    expect(requests({ method: 'GET', route: '(unmatched)', status: '404' })).toBe(1);
    // Raw paths are never labels.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('no/such')))).toBe(false);

    const syncs = value(samples, 'zuarbeit_sync_duration_seconds_count') - value(before.samples, 'zuarbeit_sync_duration_seconds_count');
    expect(syncs).toBe(3);
    expect(value(samples, 'zuarbeit_sync_duration_seconds_bucket', { le: '+Inf' })).toBe(
      value(samples, 'zuarbeit_sync_duration_seconds_count'),
    );
    expect(value(samples, 'zuarbeit_sync_duration_seconds_sum')).toBeGreaterThan(0);

    expect(value(samples, 'zuarbeit_messages_stored') - value(before.samples, 'zuarbeit_messages_stored')).toBe(7);
    // The client and the assistant; not the revoked device, nor the one last seen two hours ago.
    expect(value(samples, 'zuarbeit_active_devices')).toBe(2);
  });

  it('refuses a metrics token shorter than 16 characters at start', async () => {
    const { parseEnv } = await import('../../server/src/env');
    expect(() => parseEnv({ ZUARBEIT_METRICS_TOKEN: 'short' })).toThrow(/ZUARBEIT_METRICS_TOKEN/);
    expect(parseEnv({ ZUARBEIT_METRICS_TOKEN: TOKEN }).ZUARBEIT_METRICS_TOKEN).toBe(TOKEN);
  });
});
