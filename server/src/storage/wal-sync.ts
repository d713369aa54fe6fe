/**
 * Durable acknowledgements for SQLite without blocking the event loop. The database runs with
 * `synchronous = NORMAL` (a commit writes the WAL but does not wait for the disk); before a write is
 * acknowledged, `flush()` fdatasyncs the WAL file on libuv's thread pool. Commits that arrive while a
 * sync is running share the next one (group commit), so one disk flush acknowledges many requests.
 */
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export class WalSync {
  private fd: number | null = null;
  private running = false;
  private waiting: Array<(error: Error | null) => void> = [];

  constructor(private readonly databasePath: string) {}

  /** Resolves once everything committed before the call is on disk. */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push((error) => (error ? reject(error) : resolve()));
      if (!this.running) this.run();
    });
  }

  private run(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    const done = (error: Error | null) => {
      this.running = false;
      for (const callback of batch) callback(error);
      if (this.waiting.length > 0) this.run();
    };
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      done(error as Error);
      return;
    }
    fdatasync(fd, done);
  }

  /** The WAL exists once the first transaction committed; it keeps its inode while the database is open. */
  private open(): number {
    if (this.fd === null) {
      this.fd = openSync(`${this.databasePath}-wal`, 'r');
      // The WAL's directory entry must be durable too, once.
      const dir = openSync(dirname(this.databasePath), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return this.fd;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
