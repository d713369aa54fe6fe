/**
 * How the popup and the side panel start (issues 13, 14): open the current workspace, read what
 * the first render needs (`readStart`), then render the view on the workspace, followed live. The
 * read starts on the workspace shown last, while the registry is read, and is used only if that
 * is still the current one.
 * What was read first is handed only to the workspace it was read in, and only until another one
 * is shown; if reading it fails, the view reads again itself and says what failed.
 */
import { render, type VNode } from 'preact';
import type { Db, OpenWorkspace } from '../lib/store';
// Straight from the module, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { guessCurrentWorkspaceDb, openCurrentWorkspace } from '../lib/store/workspaces';
import { markStartup } from '../lib/ui/startup-marks';
import { StartupFailure } from './startup-failure';
import { WorkspaceRoot } from './workspace-root';

export function startView<S>(root: HTMLElement, readStart: (db: Db) => Promise<S>, view: (db: Db, start: S | undefined) => VNode): void {
  markStartup('module');
  // The first read starts on the workspace shown last while the registry says which one to show;
  // it counts only if that is the one.
  const early = guessCurrentWorkspaceDb().then((db) =>
    db
      ? readStart(db).then(
          (start) => ({ db, start }),
          () => undefined,
        )
      : undefined,
  );
  openCurrentWorkspace().then(
    async (initial) => {
      markStartup('workspace');
      const guess = await early;
      let start = guess?.db === initial.db ? guess.start : await readStart(initial.db).catch(() => undefined);
      const shown = ({ db }: OpenWorkspace) => {
        if (db !== initial.db) start = undefined;
        return view(db, start);
      };
      markStartup('read');
      render(<WorkspaceRoot initial={initial}>{shown}</WorkspaceRoot>, root);
      markStartup('render');
    },
    (error: unknown) => render(<StartupFailure error={error} />, root),
  );
}
