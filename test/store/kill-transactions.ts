// A seam for atomicity tests: every `add` to one object store kills its transaction at that
// point, as a dying worker or a full disk would.

/** Makes each `add` to `store` abort its transaction; returns the function that undoes it. */
export function killTransactionsOnAdd(store: 'quarantine' | 'outbox'): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const original = proto.add;
  proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    if (this.name === store) this.transaction.abort();
    return original.apply(this, args);
  };
  return () => {
    proto.add = original;
  };
}
