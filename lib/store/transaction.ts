/**
 * All-or-nothing writes: a store operation either commits everything it set out to write or
 * nothing, also when a request fails or the code between requests throws.
 */
import { unwrap } from 'idb';

/** What `writeAtomically` needs of an idb readwrite transaction. */
export interface AbortableTransaction {
  abort(): void;
  readonly done: Promise<void>;
}

/** Hands a request to `writeAtomically`, which waits for it before committing. */
export type IssueWrite = (request: Promise<unknown>) => void;

/**
 * Runs `body` in `tx` and commits. On any failure the whole transaction is aborted, so nothing
 * of it is stored: without the abort, requests issued before a throw would still auto-commit.
 */
export async function writeAtomically<T>(tx: AbortableTransaction, body: (write: IssueWrite) => Promise<T>): Promise<T> {
  const requests: Promise<unknown>[] = [];
  const write: IssueWrite = (request) => {
    // Awaited together below; the handler only keeps an early failure from counting as unhandled.
    request.catch(() => undefined);
    requests.push(request);
  };
  tx.done.catch(() => undefined);
  try {
    const result = await body(write);
    await Promise.all(requests);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // The transaction has already aborted itself (a failed request does that).
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/**
 * Puts `values` into `store` with the store's own requests instead of idb's promise (and two
 * event listeners) per request: on the first sync's 20,000 puts that wrapping was a tenth of the
 * page's main-thread time (issue 14). Nothing is lost for writeAtomically: a put that throws
 * throws here, and one that fails later aborts its transaction, so awaiting `done` reports it.
 */
export function putEach(store: object, values: Iterable<unknown>): void {
  const native = nativeStore(store);
  for (const value of values) native.put(value);
}

/** The native object store behind an idb wrapper (or the store itself), for putEach's kind of requests. */
export function nativeStore(store: object): IDBObjectStore {
  // unwrap hands back the native object behind any idb wrapper; its overloads name each kind.
  return (unwrap as (wrapped: object) => unknown)(store) as IDBObjectStore;
}
