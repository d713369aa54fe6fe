/**
 * Sets up a view's document: language (for screen readers and hyphenation), title, and which view it is.
 */
import { i18n } from '#i18n';
import { uiLocale } from './labels';

/** Marks `document` as the popup or the side panel, in the UI language. */
export function prepareDocument(document: Document, view: 'popup' | 'panel'): void {
  document.documentElement.lang = uiLocale();
  document.documentElement.dataset.view = view;
  document.title = i18n.t('extName');
}
