/**
 * The steps of a view's start as performance marks (`zuarbeit:<step>`), so bench/popup and
 * bench/panel can say where the time to the first rows goes (issue 14). A mark costs microseconds.
 */
export type StartupStep = 'module' | 'workspace' | 'read' | 'render';

export function markStartup(step: StartupStep): void {
  performance.mark(`zuarbeit:${step}`);
}
