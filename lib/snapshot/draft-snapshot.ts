/**
 * The snapshot in a draft's life (issue 12): taken from the capture into the draft as plain
 * text, shown with its size, and turned into the records that are delegated with the task.
 */
import { type Snapshot, type SnapshotPart, type TaskDraft } from '../model';
import { encodeText } from './codec';
import type { PageSnapshot } from './page-snapshot';

/**
 * The draft with what the capture found of the page. A page clip keeps its snapshot; a selection
 * carries it too but leaves it out unless the client ticks "include the whole page". A page
 * clip the capture could not read says why it has none; links and images have none to miss.
 */
export function withPageSnapshot(
  draft: TaskDraft,
  snapshot: PageSnapshot | null | undefined,
  clipped: 'page' | 'selection' | 'other',
): TaskDraft {
  if (clipped === 'other' || draft.source.type === 'link') return draft;
  if (!snapshot) return clipped === 'page' ? { ...draft, snapshotMissing: 'not-captured' } : draft;
  if ('missing' in snapshot) return clipped === 'page' ? { ...draft, snapshotMissing: snapshot.missing } : draft;
  const { text, ...meta } = snapshot;
  return { ...draft, snapshotText: text, snapshot: { ...meta, include: clipped === 'page' } };
}

/** UTF-8 size of the draft's snapshot text, what the draft shows (compression comes on delegating). */
export function snapshotSize(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is four bytes in UTF-8: two for each half.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/** The snapshot record and its parts for a task delegated from `draft`; null when the draft has none to send. */
export async function snapshotRecords(draft: TaskDraft, taskId: string): Promise<{ snapshot: Snapshot; parts: SnapshotPart[] } | null> {
  const text = draft.snapshotText;
  if (!draft.snapshot?.include || !text) return null;
  const encoded = await encodeText(text);
  const { title, byline, siteName, publishedTime, shortened } = draft.snapshot;
  const snapshot: Snapshot = {
    id: taskId,
    taskId,
    url: draft.source.url,
    capturedAt: draft.source.capturedAt,
    title,
    byline,
    siteName,
    publishedTime,
    shortened,
    bytes: encoded.bytes,
    sha256: encoded.sha256,
    parts: encoded.parts.length,
  };
  const parts = encoded.parts.map((data, n): SnapshotPart => ({ id: partId(taskId, n), snapshotId: taskId, n, data }));
  return { snapshot, parts };
}

/** The id of part `n` of a snapshot. */
export function partId(snapshotId: string, n: number): string {
  return `${snapshotId}:${n}`;
}
