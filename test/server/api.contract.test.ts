/**
 * The HTTP contract of sync protocol v1 (DESIGN.md, "HTTP API"), run through a real listening
 * endpoint against both storage adapters. PostgreSQL must be reachable: the suite fails otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  MAX_PAGE_BODY_BYTES,
  PAGE_SIZE,
  syncResponseSchema,
  workspaceResponseSchema,
  type StoredMessage,
} from '../../lib/protocol';
import type { Storage } from '../../server/src/storage/types';
import {
  adapters,
  envelope,
  envelopes,
  node,
  serve,
  testClock,
  keyProof,
  publicKey,
  type Api,
  type StorageFixture,
  type TestServer,
} from './helpers';

const HOUR = 3_600_000;
const sorted = (o: object) => Object.keys(o).sort();

describe.each(adapters)('sync endpoint on %s', (_kind, makeFixture) => {
  let fixture: StorageFixture;
  let storage: Storage;
  let server: TestServer;
  let api: Api;
  const clock = testClock();

  beforeAll(async () => {
    fixture = await makeFixture();
    storage = await fixture.open();
    server = await serve(storage, { now: clock.now });
    api = server.api;
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await fixture?.cleanup();
  });

  it('answers /healthz', async () => {
    const answer = await api.request('GET', '/healthz');
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('creates a workspace with a client device and a 256-bit token', async () => {
    const answer = await api.createWorkspace('Kanzlei-Laptop');
    expect(answer.status).toBe(201);
    expect(sorted(answer.body)).toEqual(['deviceId', 'epoch', 'role', 'token', 'workspaceId']);
    expect(answer.body.role).toBe('client');
    expect(answer.body.epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(answer.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listing = await api.workspace(answer.body.token);
    expect(listing.status).toBe(200);
    expect(workspaceResponseSchema.safeParse(listing.body).success).toBe(true);
    expect(sorted(listing.body)).toEqual(['devices', 'epoch', 'workspaceId']);
    expect(listing.body).toMatchObject({ workspaceId: answer.body.workspaceId, epoch: answer.body.epoch });
    expect(listing.body.devices).toHaveLength(1);
    expect(sorted(listing.body.devices[0])).toEqual([
      'createdAt',
      'id',
      'keyProof',
      'lastSeenAt',
      'name',
      'publicKey',
      'revokedAt',
      'role',
    ]);
    expect(listing.body.devices[0]).toMatchObject({
      id: answer.body.deviceId,
      name: 'Kanzlei-Laptop',
      role: 'client',
      revokedAt: null,
      publicKey: null,
      keyProof: null,
    });
  });

  it('pairs an assistant with a one-time invitation code', async () => {
    const client = await api.newWorkspace();
    clock.advance(1);
    const invite = await api.invite(client.token, 'assistant');
    expect(invite.status).toBe(201);
    expect(sorted(invite.body)).toEqual(['code', 'expiresAt']);
    expect(Date.parse(invite.body.expiresAt)).toBe(clock.now() + 168 * HOUR);

    const joined = await api.join(invite.body.code, 'Assistenz Maria');
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ workspaceId: client.workspaceId, role: 'assistant', epoch: client.epoch });
    expect(sorted(joined.body)).toEqual(['deviceId', 'epoch', 'role', 'token', 'workspaceId']);

    const again = await api.join(invite.body.code, 'Someone else');
    expect(again).toMatchObject({ status: 410, body: { error: { code: 'invite-used' } } });
    const unknown = await api.join('not-a-code', 'Someone');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'invite-not-found' } } });

    const listing = await api.workspace(joined.body.token);
    expect(listing.body.devices.map((d: { name: string; role: string }) => [d.name, d.role])).toEqual([
      ['Kanzlei-Laptop', 'client'],
      ['Assistenz Maria', 'assistant'],
    ]);
  });

  it('refuses control characters in every text field with 400, and stores other Unicode as sent', async () => {
    const client = await api.newWorkspace();
    for (const bad of ['a\u0000b', 'tab\there', 'line\n', '\u001f', 'del\u007f']) {
      const answers = [
        await api.createWorkspace(bad),
        await api.createWorkspace('Laptop', { signupSecret: bad }),
        await api.join(bad, 'Assistenz'),
        await api.join((await api.invite(client.token)).body.code, bad),
      ];
      for (const answer of answers) expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
    }
    const named = await api.createWorkspace('Müller 💼 Büro\u0080');
    expect(named.status).toBe(201);
    expect((await api.workspace(named.body.token)).body.devices[0].name).toBe('Müller 💼 Büro\u0080');
  });

  it('lets an invitation expire after its ttl', async () => {
    const client = await api.newWorkspace();
    const invite = await api.invite(client.token, 'client', 1);
    expect(Date.parse(invite.body.expiresAt)).toBe(clock.now() + HOUR);
    clock.advance(HOUR);
    const late = await api.join(invite.body.code);
    expect(late).toMatchObject({ status: 410, body: { error: { code: 'invite-expired' } } });
  });

  it('lets only client devices invite and revoke', async () => {
    const client = await api.newWorkspace();
    const assistant = await api.addDevice(client.token, 'assistant');
    expect(await api.invite(assistant.token, 'assistant')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(await api.revoke(assistant.token, client.deviceId)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('revokes a device at once and never the last active client', async () => {
    const first = await api.newWorkspace();
    const assistant = await api.addDevice(first.token, 'assistant');
    expect((await api.sync(assistant.token, 0)).status).toBe(200);

    const revoked = await api.revoke(first.token, assistant.deviceId);
    expect(revoked.status).toBe(204);
    expect(revoked.body).toBeNull();
    expect(await api.sync(assistant.token, 0)).toMatchObject({ status: 401, body: { error: { code: 'revoked' } } });
    expect((await api.workspace(assistant.token)).status).toBe(401);
    expect((await api.revoke(first.token, assistant.deviceId)).status).toBe(204);

    const listing = await api.workspace(first.token);
    const entry = listing.body.devices.find((d: { id: string }) => d.id === assistant.deviceId);
    expect(Date.parse(entry.revokedAt)).toBe(clock.now());

    expect(await api.revoke(first.token, first.deviceId)).toMatchObject({ status: 409, body: { error: { code: 'last-client' } } });
    expect(await api.revoke(first.token, 'no-such-device')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });

    // With a second client device, the first may go (a handover), and its token dies with it.
    const second = await api.addDevice(first.token, 'client');
    expect((await api.revoke(first.token, first.deviceId)).status).toBe(204);
    expect((await api.workspace(first.token)).status).toBe(401);
    expect(await api.revoke(second.token, second.deviceId)).toMatchObject({ status: 409 });
  });

  it('drops the unused invitations of a revoked device', async () => {
    const first = await api.newWorkspace();
    const second = await api.addDevice(first.token, 'client');
    const pending = await api.invite(first.token, 'assistant');
    expect((await api.revoke(second.token, first.deviceId)).status).toBe(204);
    expect(await api.join(pending.body.code)).toMatchObject({ status: 404, body: { error: { code: 'invite-not-found' } } });
  });

  it('keeps workspaces apart', async () => {
    const a = await api.newWorkspace();
    const b = await api.newWorkspace();
    const pushA = await api.sync(a.token, 0, envelopes(0, 3));
    const pushB = await api.sync(b.token, 0, envelopes(0, 2));
    // The same hlcs in two workspaces are two messages: uniqueness is per workspace.
    expect(pushA.body.messages.map((m: StoredMessage) => m.seq)).toEqual([1, 2, 3]);
    expect(pushB.body.messages.map((m: StoredMessage) => m.seq)).toEqual([1, 2]);
    expect(pushB.body.messages.every((m: StoredMessage) => m.device === b.deviceId)).toBe(true);
    expect((await api.revoke(b.token, a.deviceId)).status).toBe(404);
    const listing = await api.workspace(b.token);
    expect(listing.body.devices.map((d: { id: string }) => d.id)).toEqual([b.deviceId]);
  });

  it('pushes, then hands out the log after `since` with the author device', async () => {
    const client = await api.newWorkspace();
    const assistant = await api.addDevice(client.token);
    const pushed = envelopes(0, 3, { node: node(7) });
    const first = await api.sync(client.token, 0, pushed);
    expect(first.status).toBe(200);
    expect(syncResponseSchema.safeParse(first.body).success).toBe(true);
    expect(sorted(first.body)).toEqual(['accepted', 'cursor', 'cursorHlc', 'epoch', 'messages', 'more', 'rejected', 'serverTime']);
    expect(first.body.cursorHlc).toBe(pushed[2].hlc);
    expect(first.body.epoch).toBe(client.epoch);
    expect(sorted(first.body.messages[0])).toEqual(['body', 'device', 'hlc', 'keyId', 'seq']);
    expect(first.body).toMatchObject({
      accepted: 3,
      rejected: [],
      cursor: 3,
      more: false,
      serverTime: new Date(clock.now()).toISOString(),
    });
    expect(first.body.messages).toEqual(pushed.map((e, k) => ({ seq: k + 1, ...e, device: client.deviceId })));

    const reply = envelope(100, { node: node(8) });
    const second = await api.sync(assistant.token, 3, [reply]);
    expect(second.body).toMatchObject({ accepted: 1, cursor: 4, more: false });
    expect(second.body.messages).toEqual([{ seq: 4, ...reply, device: assistant.deviceId }]);

    const idle = await api.sync(client.token, 4);
    expect(idle.body).toMatchObject({ accepted: 0, rejected: [], messages: [], cursor: 4, more: false, epoch: client.epoch });
    // An empty page still names the hlc at the cursor; cursor 0 names none.
    expect(idle.body.cursorHlc).toBe(reply.hlc);
    const fresh = await api.newWorkspace();
    expect((await api.sync(fresh.token, 0)).body).not.toHaveProperty('cursorHlc');
  });

  it('stores a re-push once (unique per workspace and hlc)', async () => {
    const client = await api.newWorkspace();
    const assistant = await api.addDevice(client.token);
    const batch = envelopes(0, 4, { node: node(9) });
    await api.sync(client.token, 0, batch);
    const again = await api.sync(client.token, 0, [...batch, batch[0]]);
    expect(again.body).toMatchObject({ accepted: 5, rejected: [], cursor: 4 });
    expect(again.body.messages.map((m: StoredMessage) => m.hlc)).toEqual(batch.map((e) => e.hlc));

    // Another device cannot take over an hlc that is already stored; its envelope is refused, not lost silently.
    const squat = { ...batch[1], body: 'AAAA' };
    const fresh = envelope(50, { node: node(10) });
    const clash = await api.sync(assistant.token, 4, [squat, fresh]);
    expect(clash.body).toMatchObject({ accepted: 1, rejected: [{ hlc: squat.hlc, reason: 'hlc-taken' }] });
    expect(clash.body.messages).toEqual([{ seq: 5, ...fresh, device: assistant.deviceId }]);
  });

  it('stores concurrent pushes of several devices, each with its own seq', async () => {
    const client = await api.newWorkspace();
    const assistant = await api.addDevice(client.token);
    const other = await api.newWorkspace();
    const pushes = Array.from({ length: 12 }, (_, k) => {
      const token = [client.token, assistant.token, other.token][k % 3];
      return api.sync(token, 0, envelopes(k * 10, 10, { node: node(15 + (k % 3)) }));
    });
    const answers = await Promise.all(pushes);
    expect(answers.map((a) => a.body.accepted)).toEqual(Array(12).fill(10));
    const log = await api.sync(client.token, 0);
    expect(log.body.messages.map((m: StoredMessage) => m.seq)).toEqual(Array.from({ length: 80 }, (_, k) => k + 1));
    expect(new Set(log.body.messages.map((m: StoredMessage) => m.hlc)).size).toBe(80);
    expect((await api.sync(other.token, 0)).body.messages).toHaveLength(40);
  });

  it('rejects hlcs more than 24 hours ahead and stores the rest', async () => {
    const client = await api.newWorkspace();
    const soon = envelope(0, { at: clock.now() + 23 * HOUR, node: node(11) });
    const edge = envelope(0, { at: clock.now() + 24 * HOUR, node: node(12) });
    const far = envelope(1, { at: clock.now() + 24 * HOUR, node: node(12) });
    const answer = await api.sync(client.token, 0, [soon, far, edge]);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: [{ hlc: far.hlc, reason: 'clock-skew' }] });
    expect(answer.body.messages.map((m: StoredMessage) => m.hlc)).toEqual([soon.hlc, edge.hlc]);
  });

  it('pages with `more` past 1,000 messages', async () => {
    const client = await api.newWorkspace();
    for (const [from, count] of [
      [0, 500],
      [500, 500],
      [1000, 200],
    ]) {
      expect((await api.sync(client.token, 0, envelopes(from, count, { node: node(13) }))).status).toBe(200);
    }
    const page1 = await api.sync(client.token, 0);
    expect(page1.body.messages).toHaveLength(PAGE_SIZE);
    expect(page1.body).toMatchObject({ more: true, cursor: 1000 });
    const page2 = await api.sync(client.token, page1.body.cursor);
    expect(page2.body.messages).toHaveLength(200);
    expect(page2.body).toMatchObject({ more: false, cursor: 1200 });
    expect(page2.body.messages[0].seq).toBe(1001);
  });

  it('cuts a page of large bodies at the page byte cap', async () => {
    const client = await api.newWorkspace();
    const total = 70;
    for (let from = 0; from < total; from += 10) {
      const batch = envelopes(from, 10, { node: node(14), bodyBytes: MAX_BODY_BYTES });
      expect((await api.sync(client.token, 0, batch)).body.accepted).toBe(10);
    }
    const seen: number[] = [];
    let cursor = 0;
    let pages = 0;
    for (let more = true; more; pages++) {
      const page = await api.sync(client.token, cursor);
      const bytes = page.body.messages.reduce((n: number, m: StoredMessage) => n + Buffer.from(m.body, 'base64url').length, 0);
      expect(bytes).toBeLessThanOrEqual(MAX_PAGE_BODY_BYTES);
      seen.push(...page.body.messages.map((m: StoredMessage) => m.seq));
      ({ cursor, more } = page.body);
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: total }, (_, k) => k + 1));
  });

  it('updates lastSeenAt at most once a minute', async () => {
    const client = await api.newWorkspace();
    const created = clock.now();
    const lastSeen = async () => Date.parse((await api.workspace(client.token)).body.devices[0].lastSeenAt);
    clock.advance(30_000);
    expect(await lastSeen()).toBe(created);
    clock.advance(30_000);
    expect(await lastSeen()).toBe(created + 60_000);
  });

  describe('rate-limit buckets in the storage', () => {
    it('count one budget across two instances on the same database, and refill over a minute', async () => {
      const other = await fixture.open();
      try {
        const t0 = clock.now();
        const instances = [storage, other];
        const takes = [];
        for (let i = 0; i < 6; i++) takes.push(await instances[i % 2].takeToken('device:shared', 5, t0));
        expect(takes.map((t) => t.allowed)).toEqual([true, true, true, true, true, false]);
        expect(takes[5].tokens).toBeLessThan(1);
        expect((await other.takeToken('device:another', 5, t0)).allowed).toBe(true);
        // 5 a minute: one token back every 12 s, never more than 5 in the bucket.
        expect((await storage.takeToken('device:shared', 5, t0 + 11_000)).allowed).toBe(false);
        expect((await other.takeToken('device:shared', 5, t0 + 12_500)).allowed).toBe(true);
        expect((await storage.takeToken('device:shared', 5, t0 + 12_600)).allowed).toBe(false);
        const later = t0 + 10 * 60_000;
        const refilled = [];
        for (let i = 0; i < 6; i++) refilled.push((await instances[i % 2].takeToken('device:shared', 5, later)).allowed);
        expect(refilled).toEqual([true, true, true, true, true, false]);
      } finally {
        await other.close();
      }
    });

    it('let exactly the budget through when instances take concurrently', async () => {
      const others = [await fixture.open(), await fixture.open()];
      try {
        const instances = [storage, ...others];
        const t0 = clock.now();
        const takes = await Promise.all(Array.from({ length: 30 }, (_, i) => instances[i % 3].takeToken('ip:203.0.113.7', 10, t0)));
        expect(takes.filter((t) => t.allowed)).toHaveLength(10);
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    });
  });

  describe('protocol v2: device keys', () => {
    it('stores the public key sent with create and join, and lists it with a null proof', async () => {
      const clientKey = publicKey();
      const created = await api.createWorkspace('Laptop', { publicKey: clientKey });
      expect(created.status).toBe(201);
      clock.advance(1);
      const invite = await api.invite(created.body.token);
      const assistantKey = publicKey();
      const joined = await api.join(invite.body.code, 'Assistenz', { publicKey: assistantKey });
      expect(joined.status).toBe(201);
      const listing = await api.workspace(joined.body.token);
      expect(listing.body.devices.map((d: { publicKey: string; keyProof: null }) => [d.publicKey, d.keyProof])).toEqual([
        [clientKey, null],
        [assistantKey, null],
      ]);
    });

    it('sets a key once with PUT /v1/devices/me/key: the same again is 204, another is 409 key-exists', async () => {
      const client = await api.newWorkspace();
      clock.advance(1);
      const assistantKey = publicKey();
      const invite = await api.invite(client.token);
      const assistant = (await api.join(invite.body.code, 'Assistenz', { publicKey: assistantKey })).body;
      const proof = keyProof();

      // The joining device sent its key with join and adds the proof right after.
      const first = await api.setKey(assistant.token, { publicKey: assistantKey, keyProof: proof });
      expect(first.status).toBe(204);
      expect(first.body).toBeNull();
      expect((await api.setKey(assistant.token, { publicKey: assistantKey, keyProof: proof })).status).toBe(204);
      expect((await api.setKey(assistant.token, { publicKey: assistantKey })).status).toBe(204);
      for (const other of [{ publicKey: publicKey() }, { publicKey: assistantKey, keyProof: keyProof() }]) {
        expect(await api.setKey(assistant.token, other)).toMatchObject({ status: 409, body: { error: { code: 'key-exists' } } });
      }

      // A device paired under v1 (no key yet) publishes its first key without a proof.
      const clientKey = publicKey();
      expect((await api.setKey(client.token, { publicKey: clientKey })).status).toBe(204);
      expect(await api.setKey(client.token, { publicKey: publicKey() })).toMatchObject({ status: 409 });

      const devices = (await api.workspace(client.token)).body.devices;
      expect(devices.map((d: { id: string; publicKey: string; keyProof: string | null }) => [d.id, d.publicKey, d.keyProof])).toEqual([
        [client.deviceId, clientKey, null],
        [assistant.deviceId, assistantKey, proof],
      ]);
    });

    it('refuses malformed key fields with 400 on create, join and PUT', async () => {
      const client = await api.newWorkspace();
      const good = publicKey();
      const raw = Buffer.from(good, 'base64url');
      const withFirstByte = (b: number) => Buffer.concat([Buffer.from([b]), raw.subarray(1)]).toString('base64url');
      const badKeys: unknown[] = [
        good.slice(0, 86),
        good + 'A',
        Buffer.concat([raw, Buffer.from([0])]).toString('base64url'),
        `${good.slice(0, 40)}+${good.slice(41)}`,
        `${good.slice(0, 40)}=${good.slice(41)}`,
        withFirstByte(0x02),
        withFirstByte(0x03),
        withFirstByte(0x00),
        // The same 65 bytes, but with the 2 unused bits of the last character set: not canonical.
        good.slice(0, 86) + String.fromCharCode(good.charCodeAt(86) + 1),
        '',
        null,
        65,
      ];
      const good32 = keyProof();
      const badProofs: unknown[] = [
        good32.slice(0, 42),
        good32 + 'A',
        Buffer.alloc(31).toString('base64url'),
        Buffer.alloc(33).toString('base64url'),
        `${good32.slice(0, 42)}/`,
        '',
        32,
      ];
      for (const key of badKeys) {
        expect((await api.createWorkspace('Laptop', { publicKey: key })).status).toBe(400);
        const invite = await api.invite(client.token);
        expect((await api.join(invite.body.code, 'Assistenz', { publicKey: key })).status).toBe(400);
        expect(await api.setKey(client.token, { publicKey: key })).toMatchObject({
          status: 400,
          body: { error: { code: 'invalid-request' } },
        });
      }
      for (const proof of badProofs) {
        expect(await api.setKey(client.token, { publicKey: good, keyProof: proof })).toMatchObject({
          status: 400,
          body: { error: { code: 'invalid-request' } },
        });
      }
      expect((await api.request('PUT', '/v1/devices/me/key', { token: client.token, json: { publicKey: good, extra: 1 } })).status).toBe(
        400,
      );
      expect((await api.request('PUT', '/v1/devices/me/key', { token: client.token, json: {} })).status).toBe(400);
      expect((await api.request('PUT', '/v1/devices/me/key', { json: { publicKey: good } })).status).toBe(401);
      // Nothing malformed was stored: the device can still set its first key.
      expect((await api.setKey(client.token, { publicKey: good, keyProof: good32 })).status).toBe(204);
    });
  });

  describe('protocol v2: pending invitations', () => {
    it('DELETE /v1/invites deletes every pending invitation of the workspace (client devices only)', async () => {
      const first = await api.newWorkspace();
      const second = await api.addDevice(first.token, 'client');
      const assistant = await api.addDevice(first.token, 'assistant');
      const pending = [await api.invite(first.token), await api.invite(second.token, 'client')];
      const expiring = await api.invite(first.token, 'assistant', 1);
      const elsewhere = await api.newWorkspace();
      const foreign = await api.invite(elsewhere.token);

      expect(await api.revokeInvites(assistant.token)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      clock.advance(HOUR);
      // The used invitations (of the second client and the assistant) and the expired one are not pending.
      expect(await api.revokeInvites(first.token)).toMatchObject({ status: 200, body: { revoked: 2 } });
      for (const invite of pending)
        expect(await api.join(invite.body.code)).toMatchObject({ status: 404, body: { error: { code: 'invite-not-found' } } });
      expect(await api.join(expiring.body.code)).toMatchObject({ status: 410, body: { error: { code: 'invite-expired' } } });
      expect(await api.revokeInvites(second.token)).toMatchObject({ status: 200, body: { revoked: 0 } });
      expect((await api.join(foreign.body.code)).status).toBe(201);
    });
  });

  describe('protocol v2: log epoch', () => {
    it('keeps the epoch while cursors stay within the log', async () => {
      const client = await api.newWorkspace();
      const pushed = await api.sync(client.token, 0, envelopes(0, 3, { node: node(60) }));
      expect(pushed.body).toMatchObject({ cursor: 3, epoch: client.epoch });
      expect((await api.sync(client.token, 3)).body.epoch).toBe(client.epoch);
      expect((await api.sync(client.token, 0)).body.epoch).toBe(client.epoch);
    });

    it('makes a new epoch when a device asks for `since` beyond the highest seq, before storing its push', async () => {
      const client = await api.newWorkspace();
      const assistant = await api.addDevice(client.token);
      await api.sync(client.token, 0, envelopes(0, 3, { node: node(61) }));

      // The device is ahead of the log (a restore took messages away); its own push must not hide that.
      const ahead = await api.sync(assistant.token, 5, envelopes(0, 4, { node: node(62) }));
      expect(ahead.status).toBe(200);
      expect(ahead.body.epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ahead.body.epoch).not.toBe(client.epoch);
      expect(ahead.body).toMatchObject({ accepted: 4, cursor: 7, more: false });
      expect(ahead.body.messages.map((m: StoredMessage) => m.seq)).toEqual([6, 7]);

      // Every device sees the new epoch from then on, and it holds while cursors are within the log.
      expect((await api.sync(client.token, 3)).body.epoch).toBe(ahead.body.epoch);
      expect((await api.sync(assistant.token, 0)).body.epoch).toBe(ahead.body.epoch);
      expect((await api.workspace(client.token)).body.epoch).toBe(ahead.body.epoch);
      const empty = await api.newWorkspace();
      expect((await api.sync(empty.token, 0)).body.epoch).toBe(empty.epoch);
      const beyondEmpty = await api.sync(empty.token, 1);
      expect(beyondEmpty.body).toMatchObject({ messages: [], cursor: 1, more: false });
      expect(beyondEmpty.body.epoch).not.toBe(empty.epoch);
    });

    it('makes a new epoch when the message at the cursor is not the one the device counted (a restore re-used the seq)', async () => {
      const client = await api.newWorkspace();
      const assistant = await api.addDevice(client.token);
      const pushed = envelopes(0, 3, { node: node(63) });
      const first = await api.sync(client.token, 0, pushed);
      expect(first.body.cursorHlc).toBe(pushed[2].hlc);

      // The same hlc at the cursor, in the same epoch: nothing changes.
      const same = await api.sync(assistant.token, 3, [], { sinceHlc: pushed[2].hlc, sinceEpoch: client.epoch });
      expect(same.body).toMatchObject({ epoch: client.epoch, cursor: 3, cursorHlc: pushed[2].hlc });
      // A check naming an older epoch renews nothing: that device starts again anyway.
      const stale = await api.sync(assistant.token, 3, [], { sinceHlc: envelope(999, { node: node(64) }).hlc, sinceEpoch: 'older-epoch' });
      expect(stale.body.epoch).toBe(client.epoch);

      // Another message at seq 3 than the device counted: the log is not the one its cursor counts in.
      const other = await api.sync(assistant.token, 3, [], { sinceHlc: envelope(999, { node: node(64) }).hlc, sinceEpoch: client.epoch });
      expect(other.status).toBe(200);
      expect(other.body.epoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(other.body.epoch).not.toBe(client.epoch);
      expect((await api.sync(client.token, 0)).body.epoch).toBe(other.body.epoch);
      // Without an epoch in the check (an older v2 device), a mismatch renews as well.
      const again = await api.sync(assistant.token, 2, [], { sinceHlc: pushed[2].hlc });
      expect(again.body.epoch).not.toBe(other.body.epoch);
      // A malformed check is refused like any bad field.
      expect((await api.sync(assistant.token, 3, [], { sinceHlc: 'yesterday' })).status).toBe(400);
    });

    it('renews every workspace’s epoch on renewEpochs (server:new-epochs)', async () => {
      const a = await api.newWorkspace();
      const b = await api.newWorkspace();
      const renewed = await storage.renewEpochs();
      expect(renewed).toBeGreaterThanOrEqual(2);
      const epochA = (await api.sync(a.token, 0)).body.epoch;
      const epochB = (await api.workspace(b.token)).body.epoch;
      expect(epochA).not.toBe(a.epoch);
      expect(epochB).not.toBe(b.epoch);
      expect(epochA).not.toBe(epochB);
      expect((await api.workspace(a.token)).body.epoch).toBe(epochA);
    });
  });
});
