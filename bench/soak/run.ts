/**
 * Soak test of the endpoint: `npm run bench:soak`. Many devices in many workspaces syncing for a
 * while, against one instance on SQLite and against two instances on one PostgreSQL (the driver
 * sends each request to the next instance). Prints throughput, p50/p99 latency, errors (must be 0),
 * each server's RSS over time, and whether every device pulled exactly what was pushed to its
 * workspace (must be all of them). Exits non-zero when a check fails.
 *
 *   SOAK_DEVICES (default 1000), SOAK_WORKSPACES (default 100), SOAK_SECONDS (default 300),
 *   SOAK_THINK_MS (default 1000: each device waits 0.5–1.5 of it between sync rounds),
 *   SOAK_TARGETS (default "sqlite,postgres"), SOAK_SAMPLE_SECONDS (default 5: RSS sampling),
 *   BENCH_PG_URL (see bench/endpoint/server-process.ts).
 */
import { availableParallelism, loadavg } from 'node:os';
import { drive, rssMb, startServer, target, type ServerProcess } from '../endpoint/server-process';

const DEVICES = Number(process.env.SOAK_DEVICES ?? 1000);
const WORKSPACES = Number(process.env.SOAK_WORKSPACES ?? 100);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const THINK_MS = Number(process.env.SOAK_THINK_MS ?? 1000);
const TARGETS = (process.env.SOAK_TARGETS ?? 'sqlite,postgres').split(',');
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 5);

// The driver's JSON line is only printed and checked field by field.
async function soak(name: string): Promise<Record<string, any>> {
  const t = await target(name);
  const instances = name === 'postgres' ? 2 : 1;
  const servers: ServerProcess[] = [];
  try {
    // One after the other, so the second finds the schema migrated.
    for (let i = 0; i < instances; i++) servers.push(await startServer(t.env));
    process.stdout.write(`${name}: ${DEVICES} devices in ${WORKSPACES} workspaces, ${instances} instance(s), ${SECONDS} s ...\n`);
    const rss: number[][] = servers.map(() => []);
    const sample = () => servers.forEach((s, i) => rss[i].push(Math.round(rssMb(s.child.pid!).rss)));
    sample();
    const sampler = setInterval(sample, SAMPLE_SECONDS * 1000);
    const result = await drive(
      'bench/soak/driver.ts',
      { urls: servers.map((s) => s.url), devices: DEVICES, workspaces: WORKSPACES, seconds: SECONDS, thinkMs: THINK_MS },
      (SECONDS + 600) * 1000,
    );
    clearInterval(sampler);
    sample();
    const peakRssMb = servers.map((s) => Math.round(rssMb(s.child.pid!).peak));
    return { target: name, instances, ...result, rssMbOverTime: rss, peakRssMb };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await t.cleanup();
  }
}

const results: Record<string, any>[] = [];
for (const name of TARGETS) results.push(await soak(name));

process.stdout.write(
  `\nsoak (loopback; cores: ${availableParallelism()}, load average now: ${loadavg()[0].toFixed(2)}, node ${process.version})\n\n`,
);
let failed = false;
for (const r of results) {
  const ok = r.errors === 0 && r.devicesWithWrongSet === 0 && r.devicesWithDuplicates === 0 && r.epochChanges === 0;
  failed ||= !ok;
  process.stdout.write(
    `${r.target} (${r.instances} instance${r.instances > 1 ? 's' : ''}): ${r.devices} devices / ${r.workspaces} workspaces, ${r.seconds} s` +
      ` (setup ${r.setupSeconds} s)\n` +
      `  ${r.requestsPerSecond} sync req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; ${r.messagesPushed} messages pushed (${r.messagesPerSecond}/s)\n` +
      `  errors ${r.errors} ${JSON.stringify({ ...r.errorStatuses, ...r.networkErrors })}, kept-alive sockets closed under a request and retried ${r.staleSocketRetries}, epoch changes ${r.epochChanges}, ` +
      `devices with a wrong pulled set ${r.devicesWithWrongSet}, with duplicates ${r.devicesWithDuplicates}: ${ok ? 'OK' : 'FAILED'}\n` +
      r.rssMbOverTime
        .map(
          (series: number[], i: number) =>
            `  RSS MB of instance ${i + 1} every ${SAMPLE_SECONDS} s: ${series.join(' ')} (peak ${r.peakRssMb[i]})\n`,
        )
        .join(''),
  );
}
process.stdout.write(JSON.stringify(results) + '\n');
if (failed) process.exit(1);
