/**
 * The parts of the popup that follow its first paint (issue 14), one chunk: the running timers (the
 * rows' buttons, the header line with its questions) and the sync sentence with its failure explanations.
 */
export { SyncState } from './sync-state';
export { TimerButton } from './timer-button';
export { TimerSource } from './timer-context';
export { TimerStatus } from './timer-status';
export { WorkspaceSwitcher } from './workspace-switcher';
