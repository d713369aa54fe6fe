// An in-memory stand-in for the endpoint's message log, with the server's semantics
// (per-workspace seq, idempotent by hlc, paging, and with `epoch` set protocol v2's log epoch:
// a new one when a device asks from beyond the log), used by the convergence property test.
import type { Envelope, StoredMessage, SyncAnswer, WorkspaceResponse } from '../../lib/protocol';
import { SyncError } from '../../lib/sync/client';
import type { CursorCheck, SyncTransport } from '../../lib/sync/engine';

export class MemoryLog {
  readonly messages: StoredMessage[] = [];
  readonly devices: { id: string; role: 'client' | 'assistant' }[] = [];
  /** The log's epoch; undefined plays a v1 server, which names none. */
  epoch: string | undefined;
  /** The server's clock (serverTime). */
  clock: () => number = Date.now;
  private epochs = 0;

  /** Whether the log answers the cursor check (protocol v2, "Cursor check"); off plays an endpoint from before it. */
  readonly cursorCheck: boolean;

  constructor(
    readonly pageSize = 1000,
    options: { epoch?: string; cursorCheck?: boolean } = {},
  ) {
    this.epoch = options.epoch;
    this.cursorCheck = options.cursorCheck ?? true;
  }

  /** What a restore from an older backup does: the log keeps its first `keep` messages, under a new epoch when `renew` (`npm run server:new-epochs`). */
  restore(keep: number, renew: boolean): void {
    this.messages.splice(keep);
    if (renew) this.renewEpoch();
  }

  private renewEpoch(): void {
    this.epoch = `epoch-${++this.epochs}`;
  }

  transport(device: string, faults: { dropRequest?: () => boolean; dropResponse?: () => boolean } = {}): SyncTransport {
    return {
      sync: async (since: number, envelopes: Envelope[], check?: CursorCheck): Promise<SyncAnswer> => {
        if (faults.dropRequest?.()) throw new SyncError('offline', 'request dropped');
        // Compared with the log before this request's push, as the server does.
        const head = this.messages.length > 0 ? this.messages[this.messages.length - 1].seq : 0;
        if (this.epoch !== undefined && since > head) this.renewEpoch();
        let accepted = 0;
        const rejected: SyncAnswer['rejected'] = [];
        for (const envelope of envelopes) {
          const existing = this.messages.find((m) => m.hlc === envelope.hlc);
          if (existing && existing.body !== envelope.body && existing.device !== device)
            rejected.push({ hlc: envelope.hlc, reason: 'hlc-taken' });
          else {
            if (!existing) this.messages.push({ seq: (this.messages.at(-1)?.seq ?? 0) + 1, device, ...envelope });
            accepted++;
          }
        }
        // The cursor check (protocol v2): another message at `since` than the device counted, in
        // the epoch it counted in, means a restore re-used the seqs.
        const atSince = since > 0 ? (this.messages.find((m) => m.seq === since)?.hlc ?? null) : null;
        if (
          this.epoch !== undefined &&
          this.cursorCheck &&
          check &&
          since > 0 &&
          (check.epoch === undefined || check.epoch === this.epoch)
        ) {
          if (atSince !== check.hlc) this.renewEpoch();
        }
        const page = this.messages.filter((m) => m.seq > since).slice(0, this.pageSize);
        const cursor = page.length > 0 ? page[page.length - 1].seq : since;
        const cursorHlc = page.length > 0 ? page[page.length - 1].hlc : atSince;
        const response: SyncAnswer = {
          accepted,
          rejected,
          messages: page,
          cursor,
          more: this.messages.some((m) => m.seq > cursor),
          serverTime: new Date(this.clock()).toISOString(),
          ...(this.epoch === undefined ? {} : { epoch: this.epoch }),
          ...(this.epoch !== undefined && this.cursorCheck && cursorHlc ? { cursorHlc } : {}),
        };
        if (faults.dropResponse?.()) throw new SyncError('offline', 'response dropped');
        return structuredClone(response);
      },
      workspace: async (): Promise<WorkspaceResponse> => ({
        workspaceId: 'ws',
        devices: this.devices.map((d) => ({
          ...d,
          name: d.id,
          createdAt: new Date().toISOString(),
          lastSeenAt: new Date().toISOString(),
          revokedAt: null,
        })),
      }),
    };
  }
}
