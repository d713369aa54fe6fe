/**
 * The browser's UI language, for Intl (dates and numbers follow the language of the messages).
 */
import { viewBrowser as browser } from './api';

/** The UI language, e.g. "de" or "en-GB"; "en" where the browser cannot say. */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
