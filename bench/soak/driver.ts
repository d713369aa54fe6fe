/**
 * Soak driver, run as its own process by run.ts: DEVICES simulated devices in WORKSPACES workspaces
 * (one client device each, the rest assistants), each looping for SECONDS: wait a random think time,
 * push 1–5 envelopes a third of the time, pull from its cursor until `more` is false. Requests go
 * round-robin to the given endpoint URLs (two instances on one PostgreSQL: a device's consecutive
 * requests reach different instances). At the end every device drains the log once more and its
 * pulled set must equal exactly what was pushed to its workspace. Prints one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { Envelope } from '../../lib/protocol';

interface Args {
  urls: string[];
  devices: number;
  workspaces: number;
  seconds: number;
  thinkMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
// node:http rather than fetch: on 2 cores undici's per-request CPU would measure the driver (bench/endpoint).
const agent = new Agent({ keepAlive: true, maxSockets: 128 });
let nextUrl = 0;

// Answers are checked below where it matters (cursor, sets); `any` keeps the driver short.
function post(path: string, json: unknown, token?: string): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(json);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  if (token) headers.authorization = `Bearer ${token}`;
  const url = args.urls[nextUrl++ % args.urls.length];
  const attempt = (retry: boolean): Promise<{ status: number; body: any }> =>
    new Promise((resolve, reject) => {
      const req = request(url + path, { method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just as this request went out (its keep-alive
        // timeout): nothing reached the server, so send it once more on a new socket, as
        // browsers do. Counted, and printed with the figures.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') {
          staleSocketRetries++;
          attempt(false).then(resolve, reject);
        } else reject(error);
      });
      req.end(payload);
    });
  return attempt(true);
}
let staleSocketRetries = 0;

async function must(path: string, json: unknown, token?: string, status = 201): Promise<any> {
  const answer = await post(path, json, token);
  if (answer.status !== status) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

interface Workspace {
  pushed: Set<string>;
  epoch: string;
}

interface Device {
  token: string;
  workspace: Workspace;
  node: string;
  last: number;
  counter: number;
  cursor: number;
  pulled: Set<string>;
  pulledCount: number;
}

function nextEnvelope(device: Device): Envelope {
  const now = Date.now();
  if (now > device.last) {
    device.last = now;
    device.counter = 0;
  } else device.counter++;
  return {
    hlc: `${new Date(device.last).toISOString()}-${device.counter.toString(16).padStart(4, '0')}-${device.node}`,
    keyId: 'k1',
    body: randomBytes(120 + Math.floor(Math.random() * 200)).toString('base64url'),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const devices: Device[] = [];
const setupStart = performance.now();
const perWorkspace = Math.ceil(args.devices / args.workspaces);
for (let w = 0; w < args.workspaces && devices.length < args.devices; w++) {
  const client = await must('/v1/workspaces', { deviceName: `soak client ${w}` });
  const workspace: Workspace = { pushed: new Set(), epoch: client.epoch };
  const tokens = [client.token];
  await Promise.all(
    Array.from({ length: Math.min(perWorkspace, args.devices - devices.length) - 1 }, async (_, k) => {
      const invite = await must('/v1/invites', { role: 'assistant' }, client.token);
      tokens.push((await must('/v1/join', { code: invite.code, deviceName: `soak assistant ${w}.${k}` })).token);
    }),
  );
  for (const token of tokens) {
    devices.push({
      token,
      workspace,
      node: randomBytes(8).toString('hex'),
      last: 0,
      counter: 0,
      cursor: 0,
      pulled: new Set(),
      pulledCount: 0,
    });
  }
}
const setupSeconds = (performance.now() - setupStart) / 1000;

const latencies: number[] = [];
let errors = 0;
let epochChanges = 0;
const errorStatuses: Record<number, number> = {};
const networkErrors: Record<string, number> = {};

/** One sync round: pushes `batch` with the first request, then pulls until the log is drained. */
async function syncRound(device: Device, batch: Envelope[]): Promise<void> {
  for (let first = true, more = true; more; first = false) {
    const t0 = performance.now();
    let answer: { status: number; body: any };
    try {
      answer = await post('/v1/sync', { since: device.cursor, messages: first ? batch : [] }, device.token);
    } catch (error) {
      // A network failure is an error of the run, not a crash of the driver.
      errors++;
      const code = (error as NodeJS.ErrnoException).code ?? 'network';
      networkErrors[code] = (networkErrors[code] ?? 0) + 1;
      return;
    }
    latencies.push(performance.now() - t0);
    if (answer.status !== 200) {
      errors++;
      errorStatuses[answer.status] = (errorStatuses[answer.status] ?? 0) + 1;
      return;
    }
    if (first && answer.body.accepted === batch.length) for (const e of batch) device.workspace.pushed.add(e.hlc);
    if (answer.body.epoch !== device.workspace.epoch) epochChanges++;
    for (const m of answer.body.messages) {
      device.pulled.add(m.hlc);
      device.pulledCount++;
    }
    device.cursor = answer.body.cursor;
    more = answer.body.more;
  }
}

const start = performance.now();
const end = start + args.seconds * 1000;
await Promise.all(
  devices.map(async (device) => {
    // Spread the first syncs over one think time instead of 1,000 at once.
    await sleep(Math.random() * args.thinkMs);
    while (performance.now() < end) {
      const batch = Math.random() < 1 / 3 ? Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => nextEnvelope(device)) : [];
      await syncRound(device, batch);
      await sleep(args.thinkMs * (0.5 + Math.random()));
    }
  }),
);
const elapsed = (performance.now() - start) / 1000;
const requests = latencies.length;

// Final drain: every device catches up once more, then compares its pulled set with its workspace's pushes.
await Promise.all(devices.map((device) => syncRound(device, [])));
let mismatched = 0;
let duplicates = 0;
for (const device of devices) {
  const { pushed } = device.workspace;
  if (device.pulled.size !== pushed.size || [...pushed].some((h) => !device.pulled.has(h))) mismatched++;
  if (device.pulledCount !== device.pulled.size) duplicates++;
}
latencies.sort((a, b) => a - b);
const pushedTotal = [...new Set(devices.map((d) => d.workspace))].reduce((n, w) => n + w.pushed.size, 0);

process.stdout.write(
  JSON.stringify({
    devices: devices.length,
    workspaces: args.workspaces,
    setupSeconds: round(setupSeconds),
    seconds: round(elapsed),
    requests,
    requestsPerSecond: Math.round(requests / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    messagesPushed: pushedTotal,
    messagesPerSecond: Math.round(pushedTotal / elapsed),
    errors,
    errorStatuses,
    networkErrors,
    staleSocketRetries,
    epochChanges,
    devicesWithWrongSet: mismatched,
    devicesWithDuplicates: duplicates,
  }) + '\n',
);
