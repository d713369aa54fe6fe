/**
 * Sets up a view's document: language (for screen readers and hyphenation), title, and which view it is.
 */
import { i18n } from '#i18n';

/** Marks `document` as the popup or the side panel, in the UI language `locale`. */
export function prepareDocument(document: Document, view: 'popup' | 'panel', locale: string): void {
  document.documentElement.lang = locale;
  document.documentElement.dataset.view = view;
  document.title = i18n.t('extName');
}
