/**
 * The few browser calls the views make, behind one interface so component tests can fake them.
 */
import { browser } from 'wxt/browser';
import { openSidePanel } from '../lib/browser/side-panel';

export interface ViewPlatform {
  /** The id of the window this view belongs to (for opening its side panel). */
  currentWindowId(): Promise<number | undefined>;
  /** Opens the side panel; must be called synchronously in the user's click, before any await. */
  openPanel(windowId: number | undefined): Promise<void>;
  /** Closes this view (the popup). */
  close(): void;
  /** The keyboard shortcut of "Delegate this" as the browser shows it, or null when none is set. */
  delegateShortcut(): Promise<string | null>;
}

/** The real browser. */
export const browserPlatform: ViewPlatform = {
  async currentWindowId() {
    return (await browser.windows.getCurrent()).id;
  },
  openPanel(windowId) {
    return openSidePanel(browser, windowId);
  },
  close() {
    window.close();
  },
  async delegateShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === 'delegate-current')?.shortcut || null;
  },
};
