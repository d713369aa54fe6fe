// An in-memory stand-in for the endpoint's message log, with the server's semantics
// (per-workspace seq, idempotent by hlc, paging), used by the convergence property test.
import type { Envelope, StoredMessage, SyncResponse, WorkspaceResponse } from '../../lib/protocol';
import { SyncError } from '../../lib/sync/client';
import type { SyncTransport } from '../../lib/sync/engine';

export class MemoryLog {
  readonly messages: StoredMessage[] = [];
  readonly devices: { id: string; role: 'client' | 'assistant' }[] = [];

  constructor(readonly pageSize = 1000) {}

  transport(device: string, faults: { dropRequest?: () => boolean; dropResponse?: () => boolean } = {}): SyncTransport {
    return {
      sync: async (since: number, envelopes: Envelope[]): Promise<SyncResponse> => {
        if (faults.dropRequest?.()) throw new SyncError('offline', 'request dropped');
        let accepted = 0;
        const rejected: SyncResponse['rejected'] = [];
        for (const envelope of envelopes) {
          const existing = this.messages.find((m) => m.hlc === envelope.hlc);
          if (existing && existing.body !== envelope.body && existing.device !== device) rejected.push({ hlc: envelope.hlc, reason: 'hlc-taken' });
          else {
            if (!existing) this.messages.push({ seq: this.messages.length + 1, device, ...envelope });
            accepted++;
          }
        }
        const page = this.messages.filter((m) => m.seq > since).slice(0, this.pageSize);
        const response: SyncResponse = {
          accepted,
          rejected,
          messages: page,
          cursor: page.length > 0 ? page[page.length - 1].seq : since,
          more: this.messages.some((m) => m.seq > (page.length > 0 ? page[page.length - 1].seq : since)),
          serverTime: new Date().toISOString(),
        };
        if (faults.dropResponse?.()) throw new SyncError('offline', 'response dropped');
        return structuredClone(response);
      },
      workspace: async (): Promise<WorkspaceResponse> => ({
        workspaceId: 'ws',
        devices: this.devices.map((d) => ({ ...d, name: d.id, createdAt: new Date().toISOString(), lastSeenAt: new Date().toISOString(), revokedAt: null })),
      }),
    };
  }
}
