/**
 * A default name for this device ("Chrome on Linux"), told from what the browser says about itself.
 */
import { i18n } from '#i18n';

/** What the browser tells about itself (navigator.userAgentData where it exists, else the user agent). */
export interface DeviceInfo {
  userAgent: string;
  /** navigator.platform, e.g. "Win32", "MacIntel", "Linux x86_64". */
  platform?: string;
  /** navigator.userAgentData.brands, e.g. ["Google Chrome", "Chromium", "Not_A Brand"]. */
  brands?: string[];
  /** navigator.userAgentData.platform, e.g. "Windows", "macOS", "Linux". */
  uaPlatform?: string;
}

// The most specific brand first: every Chromium browser also lists "Chromium".
const BRANDS: [RegExp, string][] = [
  [/edge/i, 'Edge'],
  [/opera/i, 'Opera'],
  [/brave/i, 'Brave'],
  [/vivaldi/i, 'Vivaldi'],
  [/google chrome/i, 'Chrome'],
  [/chromium/i, 'Chromium'],
];

const USER_AGENTS: [RegExp, string][] = [
  [/Firefox\//, 'Firefox'],
  [/Edg\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Vivaldi\//, 'Vivaldi'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/android/i, 'Android'],
  [/cros|chrome ?os/i, 'ChromeOS'],
  [/iphone|ipad|ios/i, 'iOS'],
  [/win/i, 'Windows'],
  [/mac/i, 'macOS'],
  [/linux|x11/i, 'Linux'],
];

function firstMatch(table: [RegExp, string][], ...texts: (string | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const [pattern, name] of table) if (pattern.test(text)) return name;
  }
  return null;
}

/** The browser's product name, e.g. "Chrome", "Firefox", or null. */
export function browserName(info: DeviceInfo): string | null {
  for (const [pattern, name] of BRANDS) if (info.brands?.some((brand) => pattern.test(brand))) return name;
  return firstMatch(USER_AGENTS, info.userAgent);
}

/** The operating system's name, e.g. "Windows", "macOS", "Linux", or null. */
export function systemName(info: DeviceInfo): string | null {
  return firstMatch(SYSTEMS, info.uaPlatform, info.platform, info.userAgent);
}

/** A name for this device until the user picks one, e.g. "Chrome on Linux". */
export function defaultDeviceName(info: DeviceInfo): string {
  const browser = browserName(info);
  const system = systemName(info);
  if (browser && system) return i18n.t('connection.deviceNameDefault', [browser, system]);
  return browser ?? system ?? i18n.t('connection.deviceNameFallback');
}
