/**
 * Load driver of the endpoint benchmark, run as its own process by run.ts so that it does not
 * share an event loop with the server. Prints one JSON line of results on stdout.
 *
 *   load:        DEVICES concurrent simulated devices, in workspaces of two (client + assistant),
 *                each looping for DURATION ms: a third of the syncs push 1–5 small envelopes, all
 *                pull from their cursor. Keep-alive connections on loopback.
 *   incremental: seeds one workspace with SEED messages, then times syncs that push one message
 *                and pull it back from the latest cursor (the "one incremental sync" budget).
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { Envelope } from '../../lib/protocol';

interface Args {
  url: string;
  mode: 'load' | 'incremental';
  devices: number;
  durationMs: number;
  warmupMs: number;
  seed: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;

/**
 * Requests go through node:http with a keep-alive agent. Node's fetch (undici) was tried first, but
 * on this 2-core machine it spent more CPU per request than the server, so it measured the driver.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

// Answers are trusted in the driver (the tests check them), so `any` keeps it short.
function post(path: string, json: unknown, token?: string): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(json);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(args.url + path, { method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function must(path: string, json: unknown, token?: string, status = 201): Promise<any> {
  const answer = await post(path, json, token);
  if (answer.status !== status) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** An envelope-shaped message: a real client sends iv ‖ AES-GCM ciphertext of about this size. */
function clockFor(nodeId: string) {
  let last = Date.now() - 60_000;
  let counter = 0;
  return (): Envelope => {
    const now = Date.now();
    if (now > last) {
      last = now;
      counter = 0;
    } else counter++;
    return {
      hlc: `${new Date(last).toISOString()}-${counter.toString(16).padStart(4, '0')}-${nodeId}`,
      keyId: 'k1',
      body: randomBytes(120 + Math.floor(Math.random() * 200)).toString('base64url'),
    };
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(): Promise<object> {
  const devices: { token: string; next: () => Envelope; cursor: number }[] = [];
  for (let i = 0; i < args.devices; i += 2) {
    const client = await must('/v1/workspaces', { deviceName: `bench client ${i}` });
    devices.push({ token: client.token, next: clockFor(randomBytes(8).toString('hex')), cursor: 0 });
    if (i + 1 < args.devices) {
      const invite = await must('/v1/invites', { role: 'assistant' }, client.token);
      const assistant = await must('/v1/join', { code: invite.code, deviceName: `bench assistant ${i}` });
      devices.push({ token: assistant.token, next: clockFor(randomBytes(8).toString('hex')), cursor: 0 });
    }
  }

  const latencies: number[] = [];
  let sent = 0;
  let requests = 0;
  let pushed = 0;
  let pulled = 0;
  let failures = 0;
  const start = performance.now();
  const measureFrom = start + args.warmupMs;
  const end = measureFrom + args.durationMs;

  await Promise.all(
    devices.map(async (device) => {
      while (performance.now() < end) {
        const batch = Math.random() < 1 / 3 ? Array.from({ length: 1 + Math.floor(Math.random() * 5) }, device.next) : [];
        const t0 = performance.now();
        const answer = await post('/v1/sync', { since: device.cursor, messages: batch }, device.token);
        const t1 = performance.now();
        sent++;
        if (answer.status !== 200) {
          failures++;
          continue;
        }
        device.cursor = answer.body.cursor;
        if (t0 >= measureFrom && t1 <= end) {
          requests++;
          latencies.push(t1 - t0);
          pushed += batch.length;
          pulled += answer.body.messages.length;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const seconds = args.durationMs / 1000;
  return {
    devices: devices.length,
    seconds,
    requests,
    /** Every sync sent, warm-up included: what the server's CPU time is divided by. */
    sent,
    requestsPerSecond: Math.round(requests / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    pushedPerSecond: Math.round(pushed / seconds),
    pulledPerSecond: Math.round(pulled / seconds),
    failures,
  };
}

async function incremental(): Promise<object> {
  const client = await must('/v1/workspaces', { deviceName: 'bench incremental' });
  const next = clockFor(randomBytes(8).toString('hex'));
  const seedStart = performance.now();
  let cursor = 0;
  for (let n = 0; n < args.seed; n += 500) {
    const batch = Array.from({ length: Math.min(500, args.seed - n) }, next);
    // Pull from the cursor while seeding: the answer holds just the pushed batch, so seeding measures
    // writes. (A `since` beyond the log would make the server renew the log's epoch on every push.)
    const answer = await must('/v1/sync', { since: cursor, messages: batch }, client.token, 200);
    if (answer.accepted !== batch.length) throw new Error('seed not accepted');
    cursor = answer.cursor;
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const answer = await must('/v1/sync', { since: cursor, messages: [next()] }, client.token, 200);
    times.push(performance.now() - t0);
    if (answer.messages.length !== 1) throw new Error(`expected one new message, got ${answer.messages.length}`);
    cursor = answer.cursor;
  }
  const measured = times.slice(50).sort((a, b) => a - b);
  return {
    stored: cursor,
    seedSeconds: round(seedSeconds),
    p50Ms: round(percentile(measured, 50)),
    p99Ms: round(percentile(measured, 99)),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const result = args.mode === 'incremental' ? await incremental() : await load();
process.stdout.write(JSON.stringify(result) + '\n');
