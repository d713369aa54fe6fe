/**
 * HTTP client of the sync protocol (v1, and v2's optional answer fields). Every answer is parsed with the shared wire schemas;
 * every failure becomes a typed reason the UI can turn into a sentence.
 */
import * as z from 'zod/mini';
import {
  createWorkspaceResponseSchema,
  errorBodySchema,
  inviteResponseSchema,
  joinResponseSchema,
  revokeInvitesResponseSchema,
  syncAnswerSchema,
  workspaceResponseSchema,
  type CreateWorkspaceRequest,
  type DeviceCredentials,
  type DeviceKeyRequest,
  type Envelope,
  type InviteRequest,
  type InviteResponse,
  type JoinRequest,
  type RevokeInvitesResponse,
  type SyncAnswer,
  type WorkspaceResponse,
} from '../protocol';

export type SyncErrorReason =
  | 'offline'
  | 'unauthorized'
  | 'revoked'
  | 'forbidden'
  | 'clock-skew'
  | 'rate-limited'
  | 'server-error'
  | 'bad-response'
  /** The endpoint says there is more but hands out nothing and does not move the cursor. */
  | 'no-progress'
  | 'bad-request'
  | 'invite-invalid'
  | 'not-paired'
  | 'undecryptable';

export class SyncError extends Error {
  constructor(
    readonly reason: SyncErrorReason,
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
    /** The server's error code (`last-client`, `signup-secret-required`, ...), when it sent one. */
    readonly code?: string,
    /** The server's clock at the failure, when known (names a wrong device clock). */
    readonly serverTime?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface SyncClientOptions {
  /** The endpoint's origin, e.g. `https://sync.example.org`. */
  endpoint: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Maps an HTTP error answer to a reason. */
function errorFor(status: number, code: string | undefined, message: string, retryAfter?: number): SyncError {
  const reason: SyncErrorReason =
    status === 401
      ? code === 'revoked'
        ? 'revoked'
        : 'unauthorized'
      : status === 403
        ? 'forbidden'
        : (status === 404 && code?.startsWith('invite')) || status === 410
          ? 'invite-invalid'
          : status === 429
            ? 'rate-limited'
            : status >= 500
              ? 'server-error'
              : 'bad-request';
  const wait = reason === 'rate-limited' ? (retryAfter ?? 60_000) : reason === 'server-error' ? retryAfter : undefined;
  return new SyncError(reason, message, wait, status, code);
}

/** A thin typed client for one endpoint. */
export class SyncClient {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: SyncClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  private async request<T>(method: string, path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.endpoint}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new SyncError('offline', `Cannot reach ${this.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (response.status === 204) return undefined as T;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (!response.ok)
        throw errorFor(response.status, undefined, `HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
      throw new SyncError('bad-response', `${method} ${path}: the answer is not JSON`, undefined, response.status);
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      const code = parsed.success ? parsed.data.error.code : undefined;
      const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
      throw errorFor(response.status, code, message, retryAfterMs(response.headers.get('retry-after')));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncError('bad-response', `${method} ${path}: unexpected answer`, undefined, response.status);
    return parsed.data;
  }

  /** `POST /v1/workspaces`: this device becomes the workspace's first client. */
  createWorkspace(request: CreateWorkspaceRequest): Promise<DeviceCredentials> {
    return this.request('POST', '/v1/workspaces', createWorkspaceResponseSchema, request);
  }

  /** `POST /v1/invites` */
  invite(request: InviteRequest): Promise<InviteResponse> {
    return this.request('POST', '/v1/invites', inviteResponseSchema, request);
  }

  /** `POST /v1/join` */
  join(request: JoinRequest): Promise<DeviceCredentials> {
    return this.request('POST', '/v1/join', joinResponseSchema, request);
  }

  /** `GET /v1/workspace` */
  workspace(): Promise<WorkspaceResponse> {
    return this.request('GET', '/v1/workspace', workspaceResponseSchema);
  }

  /** `DELETE /v1/devices/:id` */
  async revoke(deviceId: string): Promise<void> {
    await this.request('DELETE', `/v1/devices/${encodeURIComponent(deviceId)}`, z.unknown());
  }

  /** `PUT /v1/devices/me/key` (protocol v2): publishes this device's public key, with its join proof. */
  async putDeviceKey(request: DeviceKeyRequest): Promise<void> {
    await this.request('PUT', '/v1/devices/me/key', z.unknown(), request);
  }

  /** `DELETE /v1/invites` (protocol v2, client devices): revokes every pending invitation. */
  revokeInvites(): Promise<RevokeInvitesResponse> {
    return this.request('DELETE', '/v1/invites', revokeInvitesResponseSchema);
  }

  /**
   * `POST /v1/sync`; the messages are checked one by one by the sync engine (see syncAnswerSchema).
   * The cursor check goes only to a server that named a `cursorHlc` (older ones refuse unknown fields).
   */
  sync(since: number, messages: Envelope[], check?: { hlc: string; epoch?: string }): Promise<SyncAnswer> {
    const body = check
      ? { since, sinceHlc: check.hlc, ...(check.epoch ? { sinceEpoch: check.epoch } : {}), messages }
      : { since, messages };
    return this.request('POST', '/v1/sync', syncAnswerSchema, body) as Promise<SyncAnswer>;
  }
}

/** Exponential backoff with full jitter, honouring the server's Retry-After when larger. */
export function backoffDelay(attempt: number, retryAfter?: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base / 2 + random() * (base / 2);
  return Math.max(jittered, retryAfter ?? 0);
}
