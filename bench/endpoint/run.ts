/**
 * Endpoint benchmark (DESIGN.md, "Budgets"): `npm run bench:endpoint`.
 * Starts the real server (server/src/index.ts) as a child process on SQLite, then on PostgreSQL,
 * drives it from a separate driver process on loopback, reads the server's RSS and CPU time from
 * /proc, and prints sync requests/s, p50/p99 latency, server CPU per sync, RSS and the time of one
 * incremental sync (push one, pull it back; loopback round trip) with 100,000 messages stored.
 * Stops by itself (about 70 s). Other work on the machine lowers req/s; CPU ms per sync does not.
 *
 *   BENCH_DEVICES (default 16), BENCH_SECONDS (default 15), BENCH_SEED (default 100000),
 *   BENCH_TARGETS (default "sqlite,postgres"; also "sqlite-normal" = SQLITE_SYNCHRONOUS=NORMAL),
 *   BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres: a scratch database is created there and dropped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SEED = Number(process.env.BENCH_SEED ?? 100_000);
const TARGETS = (process.env.BENCH_TARGETS ?? 'sqlite,postgres').split(',');
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = new URL('../../', import.meta.url).pathname;

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function target(name: string): Promise<Target> {
  if (name === 'postgres') {
    const db = `zuarbeit_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${db}`;
    return {
      name,
      env: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: PG_ADMIN });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-bench-'));
  return {
    name,
    env: { DATABASE_URL: `sqlite:${join(dir, 'zuarbeit.db')}`, SQLITE_SYNCHRONOUS: name === 'sqlite-normal' ? 'NORMAL' : 'FULL' },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the server with its log in a file (as an operator would run it) and waits for its URL. */
async function startServer(env: Record<string, string>, logPath: string): Promise<{ child: ChildProcess; url: string }> {
  const log = openSync(logPath, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      // The driver is one IP with thousands of "devices"; the limits are not what is measured here.
      ZUARBEIT_RATE_LIMIT_DEVICE: '100000000',
      ZUARBEIT_RATE_LIMIT_IP: '100000000',
    },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = /"url":"(http:[^"]+)"/.exec(readFileSync(logPath, 'utf8'));
    if (match) return { child, url: match[1] };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${readFileSync(logPath, 'utf8')}`);
}

/** Resident memory of the server process now and at its peak so far (VmHWM), in MB. */
function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// The driver's one JSON line is only read for printing, hence `any` here and in `results`.
function drive(args: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/endpoint/driver.ts', JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`driver exited with ${code}`));
    });
  });
}

async function bench(name: string): Promise<Record<string, unknown>> {
  const t = await target(name);
  const logPath = join(tmpdir(), `zuarbeit-bench-${name}-${process.pid}.log`);
  const { child, url } = await startServer(t.env, logPath);
  try {
    process.stdout.write(`${name}: load, ${DEVICES} devices for ${SECONDS} s ...\n`);
    const cpuBefore = cpuSeconds(child.pid!);
    const load = await drive({ url, mode: 'load', devices: DEVICES, durationMs: SECONDS * 1000, warmupMs: 2000 });
    const serverCpuMsPerSync = Math.round(((cpuSeconds(child.pid!) - cpuBefore) * 1000 * 1000) / load.sent) / 1000;
    const loadPeakRssMb = Math.round(rssMb(child.pid!).peak);
    process.stdout.write(`${name}: seeding ${SEED} messages, then timing incremental syncs ...\n`);
    const incremental = await drive({ url, mode: 'incremental', seed: SEED });
    const peakRssMb = Math.round(rssMb(child.pid!).peak);
    return { target: name, ...load, serverCpuMsPerSync, loadPeakRssMb, peakRssMb, incremental };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(logPath, { force: true });
    await t.cleanup();
  }
}

const results: Record<string, any>[] = [];
for (const name of TARGETS) results.push(await bench(name));

process.stdout.write('\nsync endpoint benchmark (loopback, one server process, driver in another process)\n');
const { availableParallelism, loadavg } = await import('node:os');
// Other work on the machine lowers req/s; CPU ms per sync does not depend on it (1 / it = req/s one core can serve).
process.stdout.write(`cores: ${availableParallelism()}, load average now: ${loadavg()[0].toFixed(2)}, node ${process.version}\n\n`);
const rows = [
  [
    'target',
    'sync req/s',
    'p50 ms',
    'p99 ms',
    'server CPU ms/sync',
    'RSS MB (load)',
    'RSS MB (peak)',
    `incremental p50 ms (${SEED} stored)`,
    'incremental p99 ms',
    'seed s',
  ],
  ...results.map((r) => [
    r.target,
    r.requestsPerSecond,
    r.p50Ms,
    r.p99Ms,
    r.serverCpuMsPerSync,
    r.loadPeakRssMb,
    r.peakRssMb,
    r.incremental.p50Ms,
    r.incremental.p99Ms,
    r.incremental.seedSeconds,
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
for (const row of rows) process.stdout.write(row.map((c, i) => String(c).padEnd(widths[i])).join('  ') + '\n');
process.stdout.write('\nbudgets: SQLite >= 2000 sync req/s, RSS <= 150 MB, incremental <= 20 ms\n');
process.stdout.write(JSON.stringify(results) + '\n');
