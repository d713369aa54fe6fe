/**
 * The few browser calls the views make, behind one interface so component tests can fake them.
 */
import { viewBrowser as browser } from '../lib/browser/api';
import { openReportPage } from '../lib/browser/report-page';
import { openSidePanel } from '../lib/browser/side-panel';
import { hostPermissionPattern } from '../lib/browser/host-permission';
import type { DeviceInfo } from '../lib/ui/device-name';

export interface ViewPlatform {
  /** The id of the window this view belongs to (for opening its side panel). */
  currentWindowId(): Promise<number | undefined>;
  /** Opens the side panel; must be called synchronously in the user's click, before any await. */
  openPanel(windowId: number | undefined): Promise<void>;
  /** Closes this view (the popup). */
  close(): void;
  /** Opens the monthly report in a new tab. */
  openReport(): Promise<void>;
  /** The keyboard shortcut of "Delegate this" as the browser shows it, or null when none is set. */
  delegateShortcut(): Promise<string | null>;
  /**
   * Asks for the endpoint's origin as an optional host permission. Must be called synchronously in
   * the user's click, before any await. Resolves false when refused or unsupported; never rejects.
   */
  requestEndpointAccess(origin: string): Promise<boolean>;
  /**
   * Asks for the notifications permission (issue 15). Must be called synchronously in the user's
   * click, before any await. Resolves false when refused or unsupported; never rejects.
   */
  requestNotifications(): Promise<boolean>;
  /** Puts text on the clipboard. */
  copyText(text: string): Promise<void>;
  /** What the browser tells about itself, for a default device name. */
  deviceInfo(): DeviceInfo;
  /** The fetch that talks to the endpoint; undefined means the global one (tests answer like the server). */
  endpointFetch?: typeof fetch;
}

/** navigator.userAgentData: Chromium only, and not in TypeScript's DOM types yet. */
interface UserAgentData {
  brands?: { brand: string }[];
  platform?: string;
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
  openReport() {
    return openReportPage(browser);
  },
  async delegateShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === 'delegate-current')?.shortcut || null;
  },
  requestEndpointAccess(origin) {
    try {
      return browser.permissions.request({ origins: [hostPermissionPattern(origin)] }).then(
        (granted) => granted,
        () => false,
      );
    } catch {
      // No permissions API, or a pattern this browser refuses: the endpoint may still answer with CORS.
      return Promise.resolve(false);
    }
  },
  requestNotifications() {
    try {
      return browser.permissions.request({ permissions: ['notifications'] }).then(
        (granted) => granted,
        () => false,
      );
    } catch {
      return Promise.resolve(false);
    }
  },
  copyText(text) {
    return navigator.clipboard.writeText(text);
  },
  deviceInfo() {
    const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
    return {
      userAgent: navigator.userAgent,
      platform: navigator.platform,
      brands: data?.brands?.map((b) => b.brand),
      uaPlatform: data?.platform,
    };
  },
};
