// The real endpoint process for the happy-dom view tests that sync against it.
import { get } from 'node:http';
import { vi } from 'vitest';
import { startEndpoint, type RunningEndpoint } from '../support/endpoint';

/** `GET url` answered 2xx? Rejects while nothing listens (as fetch does). */
function healthy(url: string): Promise<{ ok: boolean }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      response.resume();
      resolve({ ok: (response.statusCode ?? 500) < 300 });
    }).on('error', reject);
  });
}

/**
 * Starts the endpoint on `databaseUrl` from a happy-dom test. startEndpoint polls /healthz with
 * the global fetch until the endpoint listens; happy-dom's fetch would print every refused
 * connection, so the polls go through node:http.
 */
export async function startEndpointUnderDom(databaseUrl: string): Promise<RunningEndpoint> {
  vi.stubGlobal('fetch', healthy);
  try {
    return await startEndpoint(databaseUrl);
  } finally {
    vi.unstubAllGlobals();
  }
}
