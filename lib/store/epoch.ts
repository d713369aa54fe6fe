/**
 * A new log epoch (docs/protocol.md, "Log epoch and cursor rules"): the endpoint's log may have
 * lost messages (a restore from an older backup), so this device starts reading it again from
 * the beginning and puts back into the outbox what only it may still hold.
 */
import { ENTITIES } from '../model';
import { isFieldName } from '../protocol/group';
import { readClock } from './clock';
import type { Db, OutboxEntry } from './db';
import { announceChange } from './events';
import { fieldClocks, fieldValue } from './field-clocks';
import { META } from './meta-keys';
import type { LogPosition } from './pulled-page';
import { writeAtomically } from './transaction';

/**
 * Moves to `epoch` in one readwrite transaction: the cursor drops to 0 under the new epoch, and
 * every field whose current clock carries this device's node id goes back into the outbox with
 * that original hlc, one group per record and hlc (hlcs already waiting there are not added
 * twice). Nothing is re-stamped, so the other devices end where they were before the restore.
 * Returns how many groups were queued.
 */
export async function startNewEpoch(db: Db, epoch: string): Promise<number> {
  const tx = db.transaction([...ENTITIES, 'outbox', 'meta'], 'readwrite');
  const queued = await writeAtomically(tx, async (write) => {
    const meta = tx.objectStore('meta');
    const ownSuffix = `-${(await readClock(meta)).node}`;
    const waiting = new Set((await tx.objectStore('outbox').getAll()).map((entry) => entry.hlc));
    const groups: OutboxEntry[] = [];
    for (const entity of ENTITIES) {
      for (const record of await tx.objectStore(entity).getAll()) {
        const byHlc = new Map<string, OutboxEntry>();
        for (const [field, hlc] of fieldClocks(record)) {
          if (field === 'id' || !isFieldName(field) || typeof hlc !== 'string' || !hlc.endsWith(ownSuffix) || waiting.has(hlc)) continue;
          let group = byHlc.get(hlc);
          if (!group) byHlc.set(hlc, (group = { hlc, entity, id: record.id, fields: {} }));
          group.fields[field] = fieldValue(record, field);
        }
        groups.push(...byHlc.values());
      }
    }
    // Oldest first, as they were once written; a comment's authorDevice leads its group.
    groups.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    for (const group of groups) {
      if (Object.hasOwn(group.fields, 'authorDevice')) {
        const { authorDevice, ...rest } = group.fields;
        group.fields = { authorDevice, ...rest };
      }
      write(tx.objectStore('outbox').add(group));
    }
    write(meta.put({ cursor: 0, epoch } satisfies LogPosition, META.cursor));
    return groups.length;
  });
  announceChange({ db: db.name, kind: 'outbox' });
  return queued;
}
