/**
 * Telling a Zuarbeit endpoint from any other server at the address (issue 15, "What got in the
 * way" 1): a web server that answers 404 to `POST /v1/workspaces` would otherwise be reported by
 * that answer ("check the device name"), not as the wrong address it is.
 */
import { SyncError } from './client';

/** Whether `origin` answers `GET /healthz` like a Zuarbeit endpoint (200 `{ ok: true }`); null when nothing answers. */
export async function answersLikeZuarbeit(origin: string, fetchImpl: typeof fetch = fetch): Promise<boolean | null> {
  let response: Response;
  try {
    response = await fetchImpl(`${origin}/healthz`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  } catch {
    return null;
  }
  if (response.status !== 200) return false;
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

/**
 * The failure to report for a pairing request to `origin` that failed with `error`: when the
 * address answers, but `/healthz` not like ours, a `bad-response` naming that, else `error` itself.
 */
export async function explainPairingFailure(origin: string, error: unknown, fetchImpl?: typeof fetch): Promise<unknown> {
  // Unreachable is unreachable, a server that rate-limits us is asked nothing more, and an error
  // body with one of our codes (`signup-secret-required`, ...) came from a Zuarbeit endpoint.
  if (!(error instanceof SyncError) || error.reason === 'offline' || error.reason === 'rate-limited' || error.code !== undefined)
    return error;
  const ours = await answersLikeZuarbeit(origin, fetchImpl);
  return ours === false
    ? new SyncError('bad-response', `No Zuarbeit endpoint answers at ${origin}`, undefined, error.status, 'not-zuarbeit')
    : error;
}
