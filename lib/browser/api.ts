/**
 * The extension API for the views (popup, side panel), without webextension-polyfill: Firefox's
 * `browser` and Chromium's MV3 `chrome` both answer every call the views make with a promise, and
 * the polyfill (about 3 KB gzip) would otherwise be a fourteenth of the popup's 40 KB budget
 * (issue 14). The background keeps the polyfill (`wxt/browser`), where its listener wrapping matters.
 */
import type { browser as Api } from 'wxt/browser';

const scope = globalThis as unknown as { browser?: typeof Api; chrome?: typeof Api };

/** Firefox's `browser` where it is the extension API, else Chromium's `chrome`; undefined outside an extension (tests). */
export const viewBrowser: typeof Api = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as typeof Api;
