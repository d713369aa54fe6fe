/**
 * Opening the side panel (Chrome `sidePanel`, Firefox `sidebarAction`). Must be called
 * synchronously inside a user gesture, before any `await`, or the browser refuses.
 */

interface SidePanelApi {
  sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/** Opens the side panel of `windowId`; returns the browser's promise (already started when this returns). */
export function openSidePanel(api: SidePanelApi, windowId: number | undefined): Promise<void> {
  if (api.sidePanel && windowId !== undefined) return api.sidePanel.open({ windowId });
  if (api.sidebarAction) return api.sidebarAction.open();
  return Promise.reject(new Error('This browser has no side panel'));
}
