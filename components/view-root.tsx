/**
 * What every view (popup, side panel) provides at its root, once: the database, the session
 * and the view's sync control.
 */
import type { ComponentChildren } from 'preact';
import type { Db, Session } from '../lib/store';
import { DbContext } from './db-context';
import { SessionProvider } from './session-context';
import { SyncProvider } from './sync-context';
import { TimerProvider } from './timer-context';

interface ViewRootProps {
  db: Db;
  /** The fetch that talks to the endpoint; undefined means the global one. */
  endpointFetch?: typeof fetch;
  children: ComponentChildren;
  /** The session, when the view read it before its first render (issue 14). */
  session?: Session;
}

/** Provides the database, the session, sync and the running timers to the view below. */
export function ViewRoot({ db, endpointFetch, children, session }: ViewRootProps) {
  return (
    <DbContext.Provider value={db}>
      <SessionProvider initial={session}>
        <SyncProvider db={db} fetch={endpointFetch}>
          <TimerProvider>{children}</TimerProvider>
        </SyncProvider>
      </SessionProvider>
    </DbContext.Provider>
  );
}
