/**
 * The steps of a view's start as performance marks (`zuarbeit:<step>`), so bench/popup and
 * bench/panel can say where the time to the first rows goes (issue 14). A mark costs microseconds.
 */
export type StartupStep = 'scripts' | 'module' | 'workspace' | 'read' | 'render';

export function markStartup(step: StartupStep): void {
  performance.mark(`zuarbeit:${step}`);
}

// Imported first by the entrypoints: evaluated before any other module of the view, so
// "scripts" is when the view's code is loaded and starts running ("module": it has run).
markStartup('scripts');
