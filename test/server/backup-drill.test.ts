/**
 * Backup drill (README, "Backups"; docs/protocol.md, "Log epoch"), server side: an online SQLite
 * backup taken while a device pushes is a consistent prefix of the log; restored into a fresh
 * endpoint, (a) a device whose cursor is beyond the restored log gets a new epoch on its next sync,
 * while a workspace whose devices are within it keeps its epoch, and (b) `npm run server:new-epochs`
 * gives every workspace a new epoch.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../lib/protocol';
import { openSqliteStorage } from '../../server/src/storage/sqlite';
import type { Storage } from '../../server/src/storage/types';
import { ROOT } from '../support/endpoint';
import { envelopes, node, serve, type Api, type TestServer } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'zuarbeit-drill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Follows the cursor to the end of the log; returns every message and the last answer's epoch. */
async function pullAll(api: Api, token: string, since = 0): Promise<{ messages: StoredMessage[]; cursor: number; epoch: string }> {
  const messages: StoredMessage[] = [];
  let cursor = since;
  let epoch = '';
  for (let more = true; more;) {
    const answer = await api.sync(token, cursor);
    expect(answer.status).toBe(200);
    messages.push(...answer.body.messages);
    ({ cursor, more, epoch } = answer.body);
  }
  return { messages, cursor, epoch };
}

/** Runs `npm run server:new-epochs` (its script, without the npm launcher) against a database. */
function newEpochs(databaseUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/new-epochs.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('backup drill on SQLite', () => {
  it('restores an online backup taken during pushes; devices ahead get a new epoch, and server:new-epochs renews all', async () => {
    const livePath = join(dir, 'live', 'zuarbeit.db');
    const live: Storage = openSqliteStorage(livePath);
    let server: TestServer = await serve(live);
    let api = server.api;

    const busy = await api.newWorkspace();
    const assistant = await api.addDevice(busy.token);
    const quiet = await api.newWorkspace();
    const quietAssistant = await api.addDevice(quiet.token);
    expect((await api.sync(quiet.token, 0, envelopes(0, 3, { node: node(91) }))).status).toBe(200);
    const quietCursor = (await pullAll(api, quietAssistant.token)).cursor;

    // A writer pushes batches until the backup has finished, and some more after it.
    let backupDone = false;
    let afterBackup = 0;
    let firstPushed: () => void = () => {};
    const pushing = new Promise<void>((r) => (firstPushed = r));
    const writer = (async () => {
      let cursor = 0;
      for (let b = 0; afterBackup < 5; b++) {
        const answer = await api.sync(busy.token, cursor, envelopes(b * 20, 20, { node: node(90) }));
        expect(answer.status).toBe(200);
        cursor = answer.body.cursor;
        firstPushed();
        if (backupDone) afterBackup++;
      }
    })();
    await pushing;
    const backupPath = join(dir, 'zuarbeit-backup.db');
    // A second connection, as `sqlite3 data/zuarbeit.db ".backup ..."` would be; a few pages per step so writes interleave.
    const source = new Database(livePath, { readonly: true });
    await source.backup(backupPath, { progress: () => 8 });
    source.close();
    backupDone = true;
    await writer;

    const beforeRestore = await pullAll(api, assistant.token);
    const liveEpoch = beforeRestore.epoch;
    await server.close();
    await live.close();

    // Restore into a fresh endpoint: the backup file copied into a new data directory.
    const restoredPath = join(dir, 'restored', 'zuarbeit.db');
    mkdirSync(join(dir, 'restored'));
    copyFileSync(backupPath, restoredPath);
    let restored: Storage = openSqliteStorage(restoredPath);
    server = await serve(restored);
    api = server.api;

    // The backup is a consistent prefix of the live log, taken while it grew.
    const restoredLog = await pullAll(api, busy.token);
    expect(restoredLog.messages.length).toBeGreaterThan(0);
    expect(restoredLog.messages.length).toBeLessThan(beforeRestore.messages.length);
    expect(restoredLog.messages).toEqual(beforeRestore.messages.slice(0, restoredLog.messages.length));
    expect(restoredLog.epoch).toBe(liveEpoch);

    // (a) The assistant's cursor is beyond the restored log: its next sync names a new epoch, and it sticks.
    const ahead = await api.sync(assistant.token, beforeRestore.cursor);
    expect(ahead.status).toBe(200);
    expect(ahead.body.epoch).not.toBe(liveEpoch);
    expect(ahead.body.messages).toEqual([]);
    expect((await api.sync(busy.token, restoredLog.cursor)).body.epoch).toBe(ahead.body.epoch);
    // A workspace whose devices are within the restored log keeps its epoch: only the script can tell them.
    const quietEpoch = (await api.workspace(quiet.token)).body.epoch;
    expect((await api.sync(quietAssistant.token, quietCursor)).body.epoch).toBe(quietEpoch);

    // (b) After a restore the operator runs server:new-epochs once: every workspace gets a new epoch.
    await server.close();
    await restored.close();
    const run = await newEpochs(`sqlite:${restoredPath}`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ msg: 'new epochs', workspaces: 2, storage: 'sqlite' });
    restored = openSqliteStorage(restoredPath);
    server = await serve(restored);
    api = server.api;
    const renewedQuiet = await api.sync(quietAssistant.token, quietCursor);
    expect(renewedQuiet.body.epoch).not.toBe(quietEpoch);
    const renewedBusy = (await api.workspace(busy.token)).body.epoch;
    expect(renewedBusy).not.toBe(ahead.body.epoch);
    expect(renewedBusy).not.toBe(renewedQuiet.body.epoch);
    // The log itself is untouched: starting again from 0 yields the restored messages.
    expect((await pullAll(api, assistant.token)).messages).toEqual(restoredLog.messages);
    await server.close();
    await restored.close();
  }, 60_000);
});
