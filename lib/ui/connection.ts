/**
 * The Connection page's logic without the page: what the user typed as the endpoint, the host
 * permission to ask for, a default device name, and pairing failures as sentences.
 */
import { i18n } from '#i18n';
import { SyncError } from '../sync/client';
import { normaliseEndpoint } from '../sync/connection';

/** The endpoint's origin from what the user typed, or null when it is not an http(s) address. */
export function endpointOrigin(input: string): string | null {
  try {
    return normaliseEndpoint(input);
  } catch {
    return null;
  }
}

/**
 * The optional host permission to request for an endpoint origin. Without the port: Firefox
 * refuses match patterns with one, and Chrome matches every port of a host without one.
 */
export function hostPermissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** What a pairing action was, for the sentence of its failure. */
export type PairingAction = 'create' | 'join' | 'invite' | 'devices' | 'revoke';

/** A sentence the user can act on for a failed pairing action. */
export function pairingErrorMessage(action: PairingAction, error: unknown): string {
  if (!(error instanceof SyncError)) return i18n.t('pairing.local');
  switch (error.reason) {
    case 'offline':
      return i18n.t('pairing.offline');
    case 'invite-invalid':
      return i18n.t('pairing.inviteInvalid');
    case 'forbidden':
      // Anyone may create a workspace unless the operator requires a sign-up secret.
      return error.code === 'signup-secret-required' ? i18n.t('pairing.signupRequired') : i18n.t('pairing.forbidden');
    case 'bad-request':
      if (error.code === 'last-client') return i18n.t('pairing.lastClient');
      return i18n.t('pairing.badRequest');
    case 'rate-limited':
      return i18n.t('pairing.rateLimited');
    case 'server-error':
      return i18n.t('pairing.serverError');
    case 'bad-response':
      return i18n.t('pairing.badResponse');
    case 'unauthorized':
    case 'revoked':
      return i18n.t('sync.removed');
    case 'not-paired':
      return i18n.t('pairing.notPaired');
    default:
      return i18n.t('pairing.local');
  }
}

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
