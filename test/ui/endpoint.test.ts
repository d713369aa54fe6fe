import { describe, expect, it, vi } from 'vitest';
import { SyncError } from '../../lib/sync/client';
import { answersLikeZuarbeit, explainPairingFailure } from '../../lib/sync/endpoint-check';
import { readEndpoint } from '../../lib/ui/endpoint';

describe('readEndpoint', () => {
  it('takes full and bare public addresses as their origin', () => {
    expect(readEndpoint('http://127.0.0.1:8787')).toEqual({ kind: 'origin', origin: 'http://127.0.0.1:8787' });
    expect(readEndpoint('  sync.kanzlei.de/ ')).toEqual({ kind: 'origin', origin: 'https://sync.kanzlei.de' });
    expect(readEndpoint('https://sync.example.org/v1/')).toEqual({ kind: 'origin', origin: 'https://sync.example.org' });
    expect(readEndpoint('https://[2001:db8::1]:8443')).toEqual({ kind: 'origin', origin: 'https://[2001:db8::1]:8443' });
    expect(readEndpoint('kanzlei-müller.de')).toEqual({ kind: 'origin', origin: 'https://xn--kanzlei-mller-4ob.de' });
  });

  it('refuses what is not a host, whatever the runtime’s URL parser would make of it', () => {
    // Chromium parses this as https://kanzlei%20server: the check must not depend on the parser refusing.
    for (const input of [
      'Kanzlei Server',
      'https://Kanzlei Server',
      'kanzlei%20server',
      'https://anna:secret@sync.example.org',
      'ftp://files.example.org',
      'sync_server.example.org',
      'https://',
      'not an address',
    ])
      expect(readEndpoint(input), input).toEqual({ kind: 'not-a-host' });
    expect(readEndpoint('   ')).toEqual({ kind: 'empty' });
  });

  it('suggests http:// for a bare address on this computer or a local network instead of trying https', () => {
    const cases: Record<string, string> = {
      '127.0.0.1:8787': 'http://127.0.0.1:8787',
      'localhost:8787': 'http://localhost:8787',
      '192.168.178.20:8787/': 'http://192.168.178.20:8787',
      '10.0.0.5': 'http://10.0.0.5',
      '172.20.1.1:8787': 'http://172.20.1.1:8787',
      'nas:8787': 'http://nas:8787',
      'server.local:8787': 'http://server.local:8787',
      '[::1]:8787': 'http://[::1]:8787',
      '[fd12::5]:8787': 'http://[fd12::5]:8787',
    };
    for (const [input, suggestion] of Object.entries(cases))
      expect(readEndpoint(input), input).toEqual({ kind: 'needs-scheme', suggestion });
    // Public addresses and 172.32/12's neighbours stay https; a typed scheme is never second-guessed.
    expect(readEndpoint('172.32.0.1:8787')).toEqual({ kind: 'origin', origin: 'https://172.32.0.1:8787' });
    expect(readEndpoint('https://127.0.0.1:8787')).toEqual({ kind: 'origin', origin: 'https://127.0.0.1:8787' });
  });
});

const answer = (status: number, body: string) => vi.fn<typeof fetch>(async () => new Response(body, { status }));

describe('telling a Zuarbeit endpoint from another server', () => {
  it('recognises ours by /healthz answering { ok: true }', async () => {
    const ours = answer(200, '{"ok":true}');
    expect(await answersLikeZuarbeit('http://127.0.0.1:8787', ours)).toBe(true);
    expect(String(ours.mock.calls[0]![0])).toBe('http://127.0.0.1:8787/healthz');
    expect(await answersLikeZuarbeit('https://x.example', answer(404, 'Not Found'))).toBe(false);
    expect(await answersLikeZuarbeit('https://x.example', answer(200, '<html>Welcome</html>'))).toBe(false);
    expect(await answersLikeZuarbeit('https://x.example', answer(200, '{"ok":"yes"}'))).toBe(false);
    expect(
      await answersLikeZuarbeit(
        'https://x.example',
        vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))),
      ),
    ).toBeNull();
  });

  it('reports a 404 server as no Zuarbeit endpoint, not by its answer to the request', async () => {
    const notFound = new SyncError('bad-request', 'HTTP 404', undefined, 404);
    const reported = await explainPairingFailure('https://www.kanzlei.de', notFound, answer(404, 'Not Found'));
    expect(reported).toBeInstanceOf(SyncError);
    expect((reported as SyncError).reason).toBe('bad-response');
    expect((reported as SyncError).code).toBe('not-zuarbeit');
  });

  it('keeps the failure when the endpoint is ours, unreachable, or not asked', async () => {
    const nameRefused = new SyncError('bad-request', 'deviceName too long', undefined, 400);
    expect(await explainPairingFailure('http://127.0.0.1:8787', nameRefused, answer(200, '{"ok":true}'))).toBe(nameRefused);
    expect(
      await explainPairingFailure(
        'http://127.0.0.1:8787',
        nameRefused,
        vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('down'))),
      ),
    ).toBe(nameRefused);
    const probe = answer(404, '');
    const offline = new SyncError('offline', 'Cannot reach');
    expect(await explainPairingFailure('http://127.0.0.1:8787', offline, probe)).toBe(offline);
    const secretRequired = new SyncError('forbidden', 'needs the secret', undefined, 403, 'signup-secret-required');
    expect(await explainPairingFailure('http://127.0.0.1:8787', secretRequired, probe)).toBe(secretRequired);
    expect(probe).not.toHaveBeenCalled();
  });
});
