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
import { cpuSeconds, drive as driveScript, rssMb, startServer, target } from './server-process';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SEED = Number(process.env.BENCH_SEED ?? 100_000);
const TARGETS = (process.env.BENCH_TARGETS ?? 'sqlite,postgres').split(',');

const drive = (args: object) => driveScript('bench/endpoint/driver.ts', args, 180_000);

async function bench(name: string): Promise<Record<string, unknown>> {
  const t = await target(name);
  const server = await startServer(t.env);
  const { child, url } = server;
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
    await server.stop();
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
