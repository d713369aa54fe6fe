import type { WorkspaceColour } from '../lib/store/workspaces';

/**
 * A workspace's colour dot with its initial; decorative, the name always stands next to it. The
 * switcher, "All clients", the side panel's workspace line and the Connection page all show this one.
 * `small` is the bare dot of the colour choice.
 */
export function WorkspaceMark({ colour, initial, small = false }: { colour: WorkspaceColour; initial?: string; small?: boolean }) {
  return (
    <span class={small ? 'ws-mark small' : 'ws-mark'} data-colour={colour} aria-hidden="true">
      {initial}
    </span>
  );
}
