import { afterAll, describe, expect, it } from 'vitest';
import { SyncError, type SyncErrorReason } from '../../lib/sync/client';
import { INITIAL_SYNC_STATE, type SyncState } from '../../lib/sync/loop';
import { hostPermissionPattern } from '../../lib/browser/host-permission';
import { browserName, defaultDeviceName, systemName } from '../../lib/ui/device-name';
import { pairingErrorMessage } from '../../lib/ui/failure-sentences';
import { formatDuration, timeAgo } from '../../lib/ui/format';
import { describeSync, type SyncStatusInput } from '../../lib/ui/sync-status';
import { useLocale } from './helpers';

const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const HOUR = 3_600_000;

afterAll(() => useLocale('en'));

function input(state: Partial<SyncState>, rest: Partial<SyncStatusInput> = {}, locale = 'en'): SyncStatusInput {
  return { connected: true, state: { ...INITIAL_SYNC_STATE, ...state }, pending: 0, syncing: false, now: NOW, locale, ...rest };
}

const failed = (reason: string, extra: Partial<SyncState> = {}): Partial<SyncState> => ({
  lastSuccessAt: new Date(NOW - 5 * 60_000).toISOString(),
  error: { reason, message: 'details for the log' },
  ...extra,
});

const REASONS: SyncErrorReason[] = [
  'offline',
  'unauthorized',
  'revoked',
  'forbidden',
  'clock-skew',
  'rate-limited',
  'server-error',
  'bad-response',
  'bad-request',
  'invite-invalid',
  'not-paired',
  'undecryptable',
];

describe.each([
  [
    'en',
    {
      notConnected: 'Not connected — tasks stay on this device.',
      synced: 'Synced 2 minutes ago',
      justNow: 'Synced just now',
      never: 'Not synced yet',
      pending3: '3 changes waiting',
      pending1: 'One change waiting',
      offline: 'Offline — changes are kept and sent later.',
      offline3: 'Offline — 3 changes wait on this device and are sent later.',
      ahead: 'Your computer’s clock is 3 hours ahead. Correct the date and time, then sync again.',
      behind: 'Your computer’s clock is 2 days behind. Correct the date and time, then sync again.',
      removed: 'This device was removed from the workspace. To sync again, disconnect it and join with a new invitation.',
      quarantined: '4 received changes could not be read and were set aside.',
      last: 'Last synced 5 minutes ago.',
      syncing: 'Syncing…',
    },
  ],
  [
    'de',
    {
      notConnected: 'Nicht verbunden – Aufgaben bleiben auf diesem Gerät.',
      synced: 'Synchronisiert vor 2 Minuten',
      justNow: 'Gerade eben synchronisiert',
      never: 'Noch nicht synchronisiert',
      pending3: '3 Änderungen warten',
      pending1: 'Eine Änderung wartet',
      offline: 'Offline – Änderungen bleiben erhalten und werden später gesendet.',
      offline3: 'Offline – 3 Änderungen warten auf diesem Gerät und werden später gesendet.',
      ahead: 'Die Uhr Ihres Computers geht 3 Stunden vor. Stellen Sie Datum und Uhrzeit richtig und synchronisieren Sie dann erneut.',
      behind: 'Die Uhr Ihres Computers geht 2 Tage nach. Stellen Sie Datum und Uhrzeit richtig und synchronisieren Sie dann erneut.',
      removed:
        'Dieses Gerät wurde aus dem Arbeitsbereich entfernt. Um wieder zu synchronisieren, trennen Sie es und treten Sie mit einer neuen Einladung bei.',
      quarantined: '4 empfangene Änderungen konnten nicht gelesen werden und wurden beiseitegelegt.',
      last: 'Zuletzt synchronisiert vor 5 Minuten.',
      syncing: 'Synchronisierung läuft …',
    },
  ],
])('sync state sentences (%s)', (locale, text) => {
  const describe_ = (state: Partial<SyncState>, rest: Partial<SyncStatusInput> = {}) => {
    useLocale(locale);
    return describeSync(input(state, rest, locale));
  };

  it('not connected: a hint that links to the Connection page', () => {
    expect(describe_({}, { connected: false })).toEqual({ tone: 'idle', message: text.notConnected, notes: [], fixOnConnectionPage: true });
  });

  it('synced, with relative time; just now; never', () => {
    expect(describe_({ lastSuccessAt: new Date(NOW - 2 * 60_000 - 5_000).toISOString() })).toMatchObject({
      tone: 'ok',
      message: text.synced,
    });
    expect(describe_({ lastSuccessAt: new Date(NOW - 20_000).toISOString() }).message).toBe(text.justNow);
    expect(describe_({}).message).toBe(text.never);
  });

  it('changes waiting, in the plural and the singular', () => {
    expect(describe_({ lastSuccessAt: new Date(NOW - 5 * 60_000).toISOString() }, { pending: 3 })).toMatchObject({
      tone: 'waiting',
      message: text.pending3,
      notes: [text.last],
    });
    expect(describe_({}, { pending: 1 }).message).toBe(text.pending1);
  });

  it('syncing', () => {
    expect(describe_({ error: { reason: 'offline', message: '' } }, { syncing: true })).toMatchObject({
      tone: 'busy',
      message: text.syncing,
    });
  });

  it('offline is one sentence with the waiting changes in it, and is no alarm', () => {
    const status = describe_(failed('offline'), { pending: 3 });
    expect(status).toMatchObject({ tone: 'offline', message: text.offline3, fixOnConnectionPage: false });
    expect(status.notes).toEqual([text.last]);
    expect(describe_(failed('offline')).message).toBe(text.offline);
  });

  it('never says "just now" next to a failure: it would read as if the failure were over', () => {
    const justSynced = { lastSuccessAt: new Date(NOW - 10_000).toISOString() };
    expect(describe_(failed('offline', justSynced), { pending: 2 }).notes).toEqual([]);
    expect(describe_(failed('server-error', justSynced), { pending: 3 }).notes).toEqual([text.pending3]);
    // With nothing failing, "just now" is true and said.
    expect(describe_(justSynced, { pending: 3 }).notes).toHaveLength(1);
  });

  it('a successful sync leaves no trace of the failure before it', () => {
    const recovered = describe_({ lastSuccessAt: new Date(NOW - 10_000).toISOString(), error: null }, { pending: 0 });
    expect(recovered).toMatchObject({ tone: 'ok', message: text.justNow, notes: [] });
  });

  it('names the clock offset: ahead and behind', () => {
    expect(describe_(failed('clock-skew', { clockOffsetMs: -3 * HOUR }))).toMatchObject({ tone: 'problem', message: text.ahead });
    expect(describe_(failed('clock-skew', { clockOffsetMs: 49 * HOUR })).message).toBe(text.behind);
  });

  it('a removed device is sent to the Connection page', () => {
    for (const reason of ['revoked', 'unauthorized']) {
      expect(describe_(failed(reason))).toMatchObject({ tone: 'problem', message: text.removed, fixOnConnectionPage: true });
    }
  });

  it('reports set-aside changes next to any state', () => {
    expect(describe_({ lastSuccessAt: new Date(NOW).toISOString(), quarantined: 4 }).notes).toEqual([text.quarantined]);
  });

  it('has a distinct, filled-in sentence for every reason', () => {
    const sentences = new Map<string, string>();
    for (const reason of REASONS) {
      const status = describe_(failed(reason, { nextRetryAt: new Date(NOW + 60_000).toISOString() }));
      expect(status.message.trim(), reason).not.toBe('');
      expect(status.message, reason).not.toMatch(/\$\d|details for the log/);
      sentences.set(reason, status.message);
      if (reason !== 'offline' && reason !== 'not-paired') expect(status.tone, reason).toBe('problem');
    }
    // Only the two "removed" reasons share their sentence.
    expect(sentences.get('revoked')).toBe(sentences.get('unauthorized'));
    const others = REASONS.filter((r) => r !== 'unauthorized').map((r) => sentences.get(r));
    expect(new Set(others).size).toBe(others.length);
    // An unknown reason from a newer version still gives a sentence.
    expect(describe_(failed('something-new')).message.trim()).not.toBe('');
  });

  it('rate limiting says when it tries again', () => {
    const status = describe_(failed('rate-limited', { nextRetryAt: '2026-11-27T10:42:00.000Z' }));
    expect(status.message).toMatch(/\d{1,2}:42/);
  });
});

describe('pairing failures as sentences', () => {
  const error = (reason: SyncErrorReason, status?: number, code?: string) => new SyncError(reason, 'log only', undefined, status, code);

  it('names what to do for each failure (en)', () => {
    useLocale('en');
    expect(pairingErrorMessage('create', error('offline'))).toBe('Cannot reach the endpoint. Check the address and your connection.');
    expect(pairingErrorMessage('join', error('invite-invalid', 410))).toBe(
      'This invitation is invalid, expired or already used. Ask for a new one.',
    );
    expect(pairingErrorMessage('create', error('forbidden', 403, 'signup-secret-required'))).toMatch(/sign-up code/);
    expect(pairingErrorMessage('revoke', error('forbidden', 403))).toBe('Only a client device may do this.');
    expect(pairingErrorMessage('revoke', error('bad-request', 409, 'last-client'))).toBe('The last client device cannot be removed.');
    expect(pairingErrorMessage('create', error('bad-request', 400))).toMatch(/refused the request/);
    expect(pairingErrorMessage('create', error('bad-response', 200))).toMatch(/not like a Zuarbeit endpoint/);
    expect(pairingErrorMessage('devices', error('revoked', 401))).toMatch(/removed from the workspace/);
    expect(pairingErrorMessage('create', new Error('IndexedDB broke'))).toBe('Something went wrong on this device. Please try again.');
  });

  it('in German, formally', () => {
    useLocale('de');
    expect(pairingErrorMessage('create', error('offline'))).toBe(
      'Der Endpunkt ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Internetverbindung.',
    );
    expect(pairingErrorMessage('join', error('invite-invalid'))).toBe(
      'Diese Einladung ist ungültig, abgelaufen oder schon verwendet. Bitten Sie um eine neue.',
    );
    useLocale('en');
  });
});

describe('endpoint permission', () => {
  it('asks for the host without its port (Firefox refuses ports in match patterns)', () => {
    expect(hostPermissionPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(hostPermissionPattern('https://sync.example.org')).toBe('https://sync.example.org/*');
  });
});

describe('default device name', () => {
  it('from userAgentData, else from the user agent', () => {
    useLocale('en');
    expect(defaultDeviceName({ userAgent: '', brands: ['Not_A Brand', 'Chromium', 'Google Chrome'], uaPlatform: 'Linux' })).toBe(
      'Chrome on Linux',
    );
    expect(defaultDeviceName({ userAgent: '', brands: ['Chromium', 'Microsoft Edge'], uaPlatform: 'Windows' })).toBe('Edge on Windows');
    const firefoxMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(browserName({ userAgent: firefoxMac })).toBe('Firefox');
    expect(systemName({ userAgent: firefoxMac, platform: 'MacIntel' })).toBe('macOS');
    expect(defaultDeviceName({ userAgent: firefoxMac, platform: 'MacIntel' })).toBe('Firefox on macOS');
    expect(defaultDeviceName({ userAgent: '' })).toBe('My computer');
    useLocale('de');
    expect(defaultDeviceName({ userAgent: firefoxMac, platform: 'MacIntel' })).toBe('Firefox unter macOS');
    useLocale('en');
  });
});

describe('time words', () => {
  it('relative times and durations in both languages', () => {
    expect(timeAgo(new Date(NOW - 30_000).toISOString(), NOW, 'en')).toBeNull();
    expect(timeAgo(new Date(NOW + HOUR).toISOString(), NOW, 'en')).toBeNull();
    expect(timeAgo(new Date(NOW - 3 * HOUR).toISOString(), NOW, 'en')).toBe('3 hours ago');
    expect(timeAgo(new Date(NOW - 26 * HOUR).toISOString(), NOW, 'de')).toBe('gestern');
    expect(formatDuration(-3 * HOUR - 60_000, 'en')).toBe('3 hours');
    expect(formatDuration(90_000, 'de')).toBe('2 Minuten');
    expect(formatDuration(3 * 24 * HOUR, 'de')).toBe('3 Tage');
  });
});
