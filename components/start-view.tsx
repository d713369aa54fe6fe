/**
 * How the popup and the side panel start (issues 13, 14): open the current workspace, read what
 * the first render needs (`readStart`), then render the view on the workspace, followed live.
 * What was read first is handed only to the workspace it was read in, and only until another one
 * is shown; if reading it fails, the view reads again itself and says what failed.
 */
import { render, type VNode } from 'preact';
import { openCurrentWorkspace, type Db, type OpenWorkspace } from '../lib/store';
import { markStartup } from '../lib/ui/startup-marks';
import { StartupFailure } from './startup-failure';
import { WorkspaceRoot } from './workspace-root';

export function startView<S>(root: HTMLElement, readStart: (db: Db) => Promise<S>, view: (db: Db, start: S | undefined) => VNode): void {
  markStartup('module');
  openCurrentWorkspace().then(
    async (initial) => {
      markStartup('workspace');
      let start = await readStart(initial.db).catch(() => undefined);
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
