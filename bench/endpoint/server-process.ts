/**
 * The endpoint as the benchmarks run it: the real server (server/src/index.ts) as a child process
 * with its log in a file, on a scratch SQLite file or PostgreSQL database, and its memory and CPU
 * read from /proc. Shared by bench/endpoint and bench/soak.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = new URL('../../', import.meta.url).pathname;
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Target {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A scratch database: `postgres` (created on BENCH_PG_URL's server, dropped after), `sqlite` or `sqlite-normal`. */
export async function target(name: string): Promise<Target> {
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

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** SIGTERM, wait for the exit, remove the log. */
  stop(): Promise<void>;
}

let built = false;
function buildServerOnce(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/**
 * Starts the server with its log in a file (as an operator would run it) and waits for its URL.
 * A server that dies before `stop` prints how (exit code or signal) and its log's last lines.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const logPath = join(tmpdir(), `zuarbeit-bench-${process.pid}-${randomBytes(4).toString('hex')}.log`);
  const log = openSync(logPath, 'w');
  // The bundle operators run (`npm run server`), not the source through tsx: its loader thread
  // would add ~30 MB to the RSS measured here.
  buildServerOnce();
  const child = spawn(process.execPath, ['server/dist/index.mjs'], {
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
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const tail = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
    console.error(`server pid ${child.pid} exited unexpectedly (code ${code}, signal ${signal}); its log ends:\n${tail}`);
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(logPath, { force: true });
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = /"url":"(http:[^"]+)"/.exec(readFileSync(logPath, 'utf8'));
    if (match) return { child, url: match[1], stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const output = readFileSync(logPath, 'utf8');
  child.kill('SIGKILL');
  rmSync(logPath, { force: true });
  throw new Error(`server did not start:\n${output}`);
}

/** Resident memory of a process now and at its peak so far (VmHWM), in MB; NaN once it has exited. */
export function rssMb(pid: number): { rss: number; peak: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: NaN, peak: NaN };
  }
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs a driver script (bench/…/driver.ts) in its own process and parses the one JSON line it prints. */
// The driver's line is only read for printing, hence `any`.
export function drive(script: string, args: object, timeoutMs: number): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`driver exited with ${code}`));
    });
  });
}
